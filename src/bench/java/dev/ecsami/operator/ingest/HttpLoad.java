package dev.ecsami.operator.ingest;

import dev.ecsami.operator.api.Problem;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback load generator for {@code POST /sns}: {@code connections} threads, each with its own
 * keep-alive connection, post the next body as SNS does (text/plain, x-amz-sns-message-type) until
 * none is left. Latency is per request, from the first byte sent to the whole response read.
 */
final class HttpLoad {

    static final String THREAD_PREFIX = "load-";
    private static final String HEADERS = "Content-Type: text/plain; charset=UTF-8\r\n"
            + "x-amz-sns-message-type: Notification\r\n";
    private static final Pattern PROBLEM_TYPE = Pattern.compile("\"type\":\"urn:ecs-ami-operator:problem:sns:([a-z-]+)\"");
    private static final String PROBLEM_JSON = "(problem+json)";
    private static final Pattern STATUS = Pattern.compile("\"status\":\"([a-z]+)\"");

    /** Answers are tallied as "status outcome", e.g. "200 accepted" or "403 bad-signature (problem+json)". */
    record Result(int requests, double seconds, Map<String, Long> cpuNs, long[] sortedLatenciesNs,
                  Map<String, Integer> answers) {
        double perSecond() {
            return requests / seconds;
        }

        /** CPU time per request of one role (see {@link CpuByRole}), or of the whole JVM ("process"). */
        double cpuMsPerRequest(String role) {
            return cpuNs.get(role) / 1e6 / requests;
        }

        double percentileMs(double fraction) {
            return sortedLatenciesNs[(int) Math.min(sortedLatenciesNs.length - 1,
                    sortedLatenciesNs.length * fraction)] / 1e6;
        }

        /** Answers with this status and an application/problem+json body. */
        int problems(int status) {
            return answers.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(status + " ") && e.getKey().endsWith(PROBLEM_JSON))
                    .mapToInt(Map.Entry::getValue).sum();
        }

        int count(String answerPrefix) {
            return answers.entrySet().stream().filter(e -> e.getKey().startsWith(answerPrefix))
                    .mapToInt(Map.Entry::getValue).sum();
        }
    }

    private final URI uri;
    private final int connections;

    HttpLoad(URI uri, int connections) {
        this.uri = uri;
        this.connections = connections;
    }

    Result post(List<byte[]> bodies) throws Exception {
        long[] latencies = new long[bodies.size()];
        String[] answers = new String[bodies.size()];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(connections,
                work -> new Thread(work, THREAD_PREFIX + threadNumber.incrementAndGet()));
        try {
            List<Future<?>> workers = new ArrayList<>();
            long start = System.nanoTime();
            CpuByRole cpuStart = CpuByRole.now();
            for (int t = 0; t < connections; t++) {
                workers.add(threads.submit(() -> {
                    try (KeepAliveConnection connection = new KeepAliveConnection(uri, HEADERS)) {
                        for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                            long sent = System.nanoTime();
                            KeepAliveConnection.Response response = connection.post(bodies.get(i));
                            latencies[i] = System.nanoTime() - sent;
                            answers[i] = answer(response);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<String, Long> cpu = CpuByRole.now().since(cpuStart);
            Arrays.sort(latencies);
            Map<String, Integer> tally = new TreeMap<>();
            Arrays.stream(answers).forEach(a -> tally.merge(a, 1, Integer::sum));
            return new Result(bodies.size(), seconds, cpu, latencies, tally);
        } finally {
            threads.shutdownNow();
        }
    }

    private static String answer(KeepAliveConnection.Response response) {
        boolean problem = response.contentType().startsWith(Problem.MEDIA_TYPE);
        Matcher m = (problem ? PROBLEM_TYPE : STATUS).matcher(response.body());
        return response.status() + " " + (m.find() ? m.group(1) : "?") + (problem ? " " + PROBLEM_JSON : "");
    }
}
