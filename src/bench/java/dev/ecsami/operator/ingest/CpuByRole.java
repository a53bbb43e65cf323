package dev.ecsami.operator.ingest;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of this JVM by the role of its threads: the load generator, the HTTP server (Vert.x
 * event loops and the worker pool), the ingest work queue, the application's other threads (e.g.
 * the simulated backend's ticks), and the JVM itself (GC, JIT), which is process CPU time minus that
 * of all Java threads.
 */
final class CpuByRole {

    private static final OperatingSystemMXBean PROCESS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final long process;
    private final Map<Long, Long> byThread = new LinkedHashMap<>();
    private final Map<Long, String> roles = new LinkedHashMap<>();

    private CpuByRole() {
        process = PROCESS.getProcessCpuTime();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null) {
                byThread.put(info.getThreadId(), THREADS.getThreadCpuTime(info.getThreadId()));
                roles.put(info.getThreadId(), role(info.getThreadName()));
            }
        }
    }

    static CpuByRole now() {
        return new CpuByRole();
    }

    /** Nanoseconds of CPU per role since {@code earlier}, in a fixed order, ending with "process". */
    Map<String, Long> since(CpuByRole earlier) {
        Map<String, Long> spent = new LinkedHashMap<>();
        for (String role : new String[] {"client", "server", "work queue", "other threads", "jvm"}) {
            spent.put(role, 0L);
        }
        long named = 0;
        for (Map.Entry<Long, Long> t : byThread.entrySet()) {
            long delta = t.getValue() - earlier.byThread.getOrDefault(t.getKey(), 0L);
            if (t.getValue() >= 0 && delta > 0) {
                spent.merge(roles.get(t.getKey()), delta, Long::sum);
                named += delta;
            }
        }
        long total = process - earlier.process;
        spent.merge("jvm", Math.max(0, total - named), Long::sum);
        spent.put("process", total);
        return spent;
    }

    private static String role(String threadName) {
        if (threadName.startsWith(HttpLoad.THREAD_PREFIX) || threadName.startsWith("HttpClient-")) {
            return "client";
        }
        if (threadName.startsWith("vert.x-eventloop") || threadName.startsWith("executor-thread")) {
            return "server";
        }
        return threadName.equals("ingest-work") ? "work queue" : "other threads";
    }
}
