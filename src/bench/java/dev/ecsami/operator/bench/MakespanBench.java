package dev.ecsami.operator.bench;

import dev.ecsami.operator.core.fleet.GroupInstance;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.model.RolloutPolicy;
import dev.ecsami.operator.sim.SimTimings;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Figure 1: rollout makespan and capacity on the simulated AWS in virtual time.
 *
 * <p>The lower bound for replacing N instances with one in flight is measured in the same run from
 * the simulator's own timings: the first replacement's launch to ACTIVE (no drain may start before
 * a replacement serves), plus, over the replaced instances, the time each one's tasks took from
 * DRAINING to being gone and running elsewhere. Drains do not overlap with one in flight, so no
 * rollout can be shorter; a ratio below 1 is a bug in the bound and fails the benchmark.
 */
final class MakespanBench {
    /** Virtual time per step; every SimTiming and the poll interval are multiples of it. */
    static final Duration STEP = Duration.ofSeconds(5);
    /** The tuned poll interval; the default is {@link RolloutPolicy#defaults()}'s (15 s). */
    static final Duration POLL = Duration.ofSeconds(5);

    record Run(int n, boolean surge, String ahead, Duration pollInterval, Duration makespan, double lowerBoundS,
               double measuredDrainS, int startDesired, int minServing, Map<String, Double> moves, long wallMs) {
        double ratio() {
            return makespan.toSeconds() / lowerBoundS;
        }

        double dip() {
            return Math.max(0, startDesired - minServing) / (double) startDesired;
        }
    }

    /** Halfway through the N = 1000 tuned rollout, for {@link TickCpuBench}. */
    static TickCpuBench.Snapshot snapshot;

    /**
     * The tuned policy: the defaults (surge-ahead auto) with a 5 s poll. A fixed surge-ahead of 3, the
     * tuned policy before auto, is slower than auto on these fleets (see docs/benchmarks.md).
     */
    static RolloutPolicy tuned() {
        return defaults().withPollInterval(POLL);
    }

    /** The defaults a user gets, with the same timeouts and no bake as the tuned runs. */
    static RolloutPolicy defaults() {
        return RolloutPolicy.defaults().withTimeouts(Duration.ofMinutes(10), Duration.ofMinutes(10))
                .withBakeTime(Duration.ZERO);
    }

    static Run run(int n, RolloutPolicy policy, String ahead) {
        SimTimings timings = SimTimings.realistic();
        long wallStart = System.nanoTime();
        SimulatedFleet fleet = new SimulatedFleet(n, policy, timings);
        int startDesired = fleet.aws.peekGroup(SimulatedFleet.GROUP).desired();
        Set<String> original = fleet.aws.peekGroup(SimulatedFleet.GROUP).instances().stream()
                .map(GroupInstance::instanceId).collect(Collectors.toSet());
        Instant started = fleet.clock.instant();
        Rollout r = fleet.start();
        AtomicInteger minServing = new AtomicInteger(fleet.servingCapacity());
        boolean tuned = policy.pollInterval().equals(POLL);
        Rollout done = fleet.rollToSuccess(r, STEP, () -> {
            minServing.accumulateAndGet(fleet.servingCapacity(), Math::min);
            if (tuned && n == TickCpuBench.INSTANCES && snapshot == null
                    && fleet.rollout(r.id()).steps().size() == n / 2) {
                snapshot = new TickCpuBench.Snapshot(fleet.rollout(r.id()), fleet.observe(), fleet.clock.instant());
            }
        });
        Map<String, Duration> drains = fleet.aws.taskTimes().drains();
        drains.keySet().retainAll(original);
        if (drains.size() != n) {
            throw new IllegalStateException("the simulator timed " + drains.size() + " drains of " + n + " replaced");
        }
        double drainSum = drains.values().stream().mapToLong(Duration::toMillis).sum() / 1000.0;
        double bound = fleet.aws.taskTimes().firstLaunchToActive().toMillis() / 1000.0 + drainSum;
        Run run = new Run(n, policy.surge(), ahead, policy.pollInterval(), makespan(started, done), bound,
                measuredDrainSeconds(done), startDesired, minServing.get(), fleet.taskMovesPerTask(),
                (System.nanoTime() - wallStart) / 1_000_000);
        if (run.ratio() < 1) {
            throw new IllegalStateException("makespan " + run.makespan().toSeconds() + " s is below the lower bound "
                    + bound + " s for N = " + n + ": the bound is wrong");
        }
        return run;
    }

    /** From the start command to the SUCCEEDED event. */
    static Duration makespan(Instant started, Rollout done) {
        Instant finished = done.events().stream().filter(e -> e.type() == RolloutEvent.Type.SUCCEEDED)
                .map(RolloutEvent::at).findFirst().orElseThrow();
        return Duration.between(started, finished);
    }

    private static double measuredDrainSeconds(Rollout r) {
        Map<String, Instant> startedAt = new HashMap<>();
        long total = 0;
        int count = 0;
        for (RolloutEvent e : r.events()) {
            if (e.type() == RolloutEvent.Type.DRAIN_STARTED) {
                startedAt.putIfAbsent(e.instanceId(), e.at());
            } else if (e.type() == RolloutEvent.Type.DRAINED && startedAt.containsKey(e.instanceId())) {
                total += Duration.between(startedAt.get(e.instanceId()), e.at()).toSeconds();
                count++;
            }
        }
        return count == 0 ? 0 : total / (double) count;
    }

    static List<Run> measure(Figures figures) {
        List<Run> tunedRuns = new ArrayList<>();
        String defaultAhead = RolloutPolicy.defaults().surgeAheadSetting().toString();
        Figures.print("== 1. Rollout makespan on the simulated AWS (virtual time; step %ss; SimTimings boot 90s, "
                + "registration 20s, task start 20s, task stop 30s; bound measured per run) ==", STEP.toSeconds());
        Figures.print("%6s %6s %6s %6s %10s %12s %8s %14s %12s %8s %8s   %s", "N", "surge", "ahead", "poll",
                "makespan_s", "lower_bnd_s", "ratio", "meas_drain_s", "min_serving", "dip", "wall_ms",
                "task starts per task (spread_az, spread_instance, binpack)");
        for (int n : new int[] {10, 100, 1000}) {
            Run byDefault = run(n, defaults(), defaultAhead);
            print(byDefault, "<- defaults");
            figures.put("makespan_ratio_n" + n, byDefault.ratio());
            figures.put("capacity_dip_n" + n, byDefault.dip());
            figures.put("makespan_s_n" + n, byDefault.makespan().toSeconds());
            figures.put("lower_bound_s_n" + n, byDefault.lowerBoundS());
            if (n == 100) {
                byDefault.moves().forEach((strategy, moves) -> figures.put("task_moves_per_task_" + strategy, moves));
            }
            Run tuned = run(n, tuned(), defaultAhead);
            tunedRuns.add(tuned);
            print(tuned, "<- tuned");
            figures.put("makespan_ratio_n" + n + "_tuned", tuned.ratio());
            figures.put("capacity_dip_n" + n + "_tuned", tuned.dip());
            figures.put("makespan_s_n" + n + "_tuned", tuned.makespan().toSeconds());
            if (n <= 100) {
                Run off = run(n, defaults().withSurge(false), "-");
                print(off, "<- defaults, surge off");
                figures.put("makespan_ratio_n" + n + "_nosurge", off.ratio());
                figures.put("capacity_dip_n" + n + "_nosurge", off.dip());
            }
        }
        return tunedRuns;
    }

    private static void print(Run run, String note) {
        Figures.print("%6d %6s %6s %6d %10d %12.0f %8.2f %14.1f %7d/%-4d %8.3f %8d   %.2f %.2f %.2f %s", run.n(),
                run.surge() ? "on" : "off", run.ahead(), run.pollInterval().toSeconds(), run.makespan().toSeconds(),
                run.lowerBoundS(), run.ratio(), run.measuredDrainS(), run.minServing(), run.startDesired(), run.dip(),
                run.wallMs(), run.moves().get("spread_az"), run.moves().get("spread_instance"),
                run.moves().get("binpack"), note);
    }
}
