package dev.ecsami.operator.bench;

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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Figure 1: rollout makespan and capacity on the simulated AWS in virtual time.
 *
 * <p>Lower bound for replacing N instances one at a time: N x mean drain + first boot, where mean
 * drain is the simulated task start + task stop (the replacement task starts elsewhere, then the
 * old one stops) and first boot is boot + registration: the first replacement must serve before
 * the first drain can begin. The measured drain (DRAIN_STARTED to DRAINED) is reported beside it.
 */
final class MakespanBench {
    /** Virtual time per step; every SimTiming and the poll interval are multiples of it. */
    static final Duration STEP = Duration.ofSeconds(5);
    static final Duration POLL = Duration.ofSeconds(5);

    record Run(int n, boolean surge, int ahead, Duration makespan, double lowerBoundS, double measuredDrainS,
               int startDesired, int minServing, long wallMs) {
        double ratio() {
            return makespan.toSeconds() / lowerBoundS;
        }

        double dip() {
            return Math.max(0, startDesired - minServing) / (double) startDesired;
        }
    }

    /** Halfway through the N = 1000 surge rollout, for {@link TickCpuBench}. */
    static TickCpuBench.Snapshot snapshot;

    /**
     * Replacements to boot ahead as docs/configuration.md recommends for the fastest rollout:
     * ceil(boot / drain), here ceil(110 s / 50 s) = 3.
     */
    static int recommendedAhead(SimTimings t) {
        long boot = t.boot().plus(t.registration()).toSeconds();
        long drain = t.taskStart().plus(t.taskStop()).toSeconds();
        return (int) ((boot + drain - 1) / drain);
    }

    /** The policy of figure 1: one in flight, max size may be raised, no bake, 10 min timeouts. */
    static RolloutPolicy policy(boolean surge, int ahead, Duration poll) {
        return RolloutPolicy.defaults().withMaxInFlight(1).withSurge(surge).withSurgeAhead(ahead)
                .withAllowMaxSizeRaise(true).withTimeouts(Duration.ofMinutes(10), Duration.ofMinutes(10))
                .withBakeTime(Duration.ZERO).withPollInterval(poll);
    }

    static Run run(int n, boolean surge, int ahead, Duration poll) {
        SimTimings timings = SimTimings.realistic();
        long wallStart = System.nanoTime();
        SimulatedFleet fleet = new SimulatedFleet(n, policy(surge, ahead, poll), timings);
        int startDesired = fleet.aws.peekGroup(SimulatedFleet.GROUP).desired();
        Instant started = fleet.clock.instant();
        Rollout r = fleet.start();
        AtomicInteger minServing = new AtomicInteger(fleet.servingCapacity());
        Rollout done = fleet.rollToSuccess(r, STEP, () -> {
            minServing.accumulateAndGet(fleet.servingCapacity(), Math::min);
            if (surge && n == TickCpuBench.INSTANCES && snapshot == null
                    && fleet.rollout(r.id()).steps().size() == n / 2) {
                snapshot = new TickCpuBench.Snapshot(fleet.rollout(r.id()), fleet.observe(), fleet.clock.instant());
            }
        });
        double drain = timings.taskStart().plus(timings.taskStop()).toSeconds();
        double firstBoot = timings.boot().plus(timings.registration()).toSeconds();
        return new Run(n, surge, ahead, makespan(started, done), n * drain + firstBoot, measuredDrainSeconds(done),
                startDesired, minServing.get(), (System.nanoTime() - wallStart) / 1_000_000);
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
        List<Run> runs = new ArrayList<>();
        int ahead = recommendedAhead(SimTimings.realistic());
        int defaultAhead = RolloutPolicy.defaults().surgeAhead();
        Figures.print("== 1. Rollout makespan on the simulated AWS (virtual time; poll %ss, step %ss; "
                + "SimTimings boot 90s, registration 20s, task start 20s, task stop 30s) ==",
                POLL.toSeconds(), STEP.toSeconds());
        Figures.print("%6s %6s %6s %10s %12s %8s %14s %12s %8s %8s", "N", "surge", "ahead", "makespan_s",
                "lower_bnd_s", "ratio", "meas_drain_s", "min_serving", "dip", "wall_ms");
        for (int n : new int[] {10, 100, 1000}) {
            Run run = run(n, true, ahead, POLL);
            runs.add(run);
            print(run, "");
            figures.put("makespan_ratio_n" + n, run.ratio());
            figures.put("capacity_dip_n" + n, run.dip());
            figures.put("makespan_s_n" + n, run.makespan().toSeconds());
            if (n <= 100) {
                Run byDefault = run(n, true, defaultAhead, POLL);
                print(byDefault, "<- default surge-ahead");
                figures.put("makespan_ratio_n" + n + "_ahead" + defaultAhead, byDefault.ratio());
            }
            Run off = run(n, false, 0, POLL);
            print(off, "");
            figures.put("makespan_ratio_n" + n + "_nosurge", off.ratio());
            figures.put("capacity_dip_n" + n + "_nosurge", off.dip());
        }
        Duration defaultPoll = RolloutPolicy.defaults().pollInterval();
        Run slow = run(100, true, ahead, defaultPoll);
        print(slow, "<- default poll interval " + defaultPoll.toSeconds() + "s");
        figures.put("makespan_ratio_n100_poll" + defaultPoll.toSeconds(), slow.ratio());
        return runs;
    }

    private static void print(Run run, String note) {
        Figures.print("%6d %6s %6d %10d %12.0f %8.2f %14.1f %7d/%-4d %8.3f %8d   %s", run.n(), run.surge() ? "on" : "off",
                run.ahead(), run.makespan().toSeconds(), run.lowerBoundS(), run.ratio(), run.measuredDrainS(),
                run.minServing(), run.startDesired(), run.dip(), run.wallMs(), note);
    }
}
