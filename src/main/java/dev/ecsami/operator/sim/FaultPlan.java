package dev.ecsami.operator.sim;

import dev.ecsami.operator.core.port.ExternalCallFailed;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * API faults of the simulated world: scripted ones for a named operation, and a seeded random
 * rate of throttling and 5xx errors on every call.
 */
public final class FaultPlan {
    private final Map<String, Scripted> scripted = new HashMap<>();
    private Random random = new Random(0);
    private double transientRate;

    private record Scripted(int remaining, String code, boolean retryable) {
    }

    /** The next {@code times} calls of the operation fail with the code. */
    public synchronized FaultPlan failNext(String operation, int times, String code, boolean retryable) {
        scripted.put(operation, new Scripted(times, code, retryable));
        return this;
    }

    /** Every call fails with ThrottlingException or InternalFailure with this probability. */
    public synchronized FaultPlan transientFailures(double rate, long seed) {
        transientRate = rate;
        random = new Random(seed);
        return this;
    }

    synchronized void beforeCall(String operation) {
        Scripted s = scripted.get(operation);
        if (s != null && s.remaining > 0) {
            scripted.put(operation, new Scripted(s.remaining - 1, s.code, s.retryable));
            throw new ExternalCallFailed(operation, s.code, "injected by the simulation", s.retryable);
        }
        if (transientRate > 0 && random.nextDouble() < transientRate) {
            String code = random.nextBoolean() ? "ThrottlingException" : "InternalFailure";
            throw new ExternalCallFailed(operation, code, "injected by the simulation", true);
        }
    }
}
