package dev.ecsami.operator.ingest.sns;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * SNS bodies signed before a benchmark starts, on every core, so the benchmark measures checking
 * signatures, not making them. The supplier gives a fresh unsigned message with a distinct
 * MessageId each call, so de-duplication never short-circuits verification.
 */
public final class PreSigned {

    private PreSigned() {
    }

    /** {@code count} messages signed by {@code key}. */
    public static List<byte[]> valid(int count, Supplier<TestMessage> unsigned, PrivateKey key) {
        return inParallel(count, i -> unsigned.get().signWith(key).body());
    }

    /**
     * {@code count} forgeries: even ones signed by a key of nobody's certificate, odd ones signed by
     * {@code genuine} and then altered in transit (the Message gains a character).
     */
    public static List<byte[]> forged(int count, Supplier<TestMessage> unsigned, PrivateKey genuine) {
        PrivateKey stranger = strangerKey();
        return inParallel(count, i -> {
            if (i % 2 == 0) {
                return unsigned.get().signWith(stranger).body();
            }
            TestMessage message = unsigned.get().signWith(genuine);
            return message.set("Message", message.get("Message") + " ").body();
        });
    }

    private static PrivateKey strangerKey() {
        try {
            return KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<byte[]> inParallel(int count, IntFunction<byte[]> body) {
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try {
            List<Future<byte[]>> futures = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit(() -> body.apply(n)));
            }
            List<byte[]> bodies = new ArrayList<>(count);
            for (Future<byte[]> f : futures) {
                bodies.add(f.get());
            }
            return bodies;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signing", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("signing failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
