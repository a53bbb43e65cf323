package dev.ecsami.operator.bench;

import dev.ecsami.operator.core.fleet.ServiceState;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.sim.SimTimings;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Figure 1b: the operator at its defaults beside two peers, on the same simulated fleets with the
 * same timings, in one run: Instance Refresh with ECS managed draining (MinHealthy 90 / MaxHealthy
 * 100 and 100 / 110) and a naive Lambda drainer. Each is sampled at every virtual step.
 */
final class PeerBench {
    /** What one strategy did to one fleet. */
    record Outcome(String strategy, int n, long makespanS, double minServingFraction, double belowDesiredInstanceS,
                   double movesPerTask, double worstServiceRatio, Map<String, Double> moves,
                   Map<String, Double> lowestByService) {
        double dip() {
            return 1 - minServingFraction;
        }
    }

    private PeerBench() {
    }

    /** Serving capacity and the services' running/desired, at every step. */
    private static final class Meter {
        final int startDesired;
        double minFraction = 1;
        double belowS;
        final Map<String, Double> lowest = new java.util.TreeMap<>();
        final Map<String, Integer> minimumHealthy = new java.util.HashMap<>();

        Meter(SimulatedFleet f) {
            startDesired = f.aws.peekGroup(SimulatedFleet.GROUP).desired();
        }

        void sample(SimulatedFleet f) {
            int serving = f.servingCapacity();
            minFraction = Math.min(minFraction, serving / (double) startDesired);
            belowS += Math.max(0, startDesired - serving) * (double) MakespanBench.STEP.toSeconds();
            for (ServiceState s : f.aws.peekCluster(SimulatedFleet.CLUSTER).services()) {
                if (s.desired() > 0) {
                    lowest.merge(s.name(), s.running() / (double) s.desired(), Math::min);
                    minimumHealthy.put(s.name(), s.minimumHealthyPercent());
                }
            }
        }

        Outcome outcome(String strategy, SimulatedFleet f, Instant started) {
            Map<String, Integer> starts = f.aws.taskTimes().taskStarts();
            int tasks = 0;
            int moved = 0;
            for (ServiceState s : f.aws.peekCluster(SimulatedFleet.CLUSTER).services()) {
                tasks += s.desired();
                moved += starts.getOrDefault(s.name(), 0);
            }
            return new Outcome(strategy, f.instances, Duration.between(started, f.clock.instant()).toSeconds(),
                    minFraction, belowS, moved / (double) tasks, worstRequiringCapacity(), f.taskMovesPerTask(),
                    Map.copyOf(lowest));
        }

        /** The lowest running/desired of the services that ask ECS to keep capacity (minimum healthy above 0 %). */
        private double worstRequiringCapacity() {
            return lowest.entrySet().stream().filter(e -> minimumHealthy.get(e.getKey()) > 0)
                    .mapToDouble(Map.Entry::getValue).min().orElse(1);
        }
    }

    static Outcome operator(int n) {
        SimulatedFleet f = new SimulatedFleet(n, MakespanBench.defaults(), SimTimings.realistic());
        Meter meter = new Meter(f);
        Instant started = f.clock.instant();
        Rollout r = f.start();
        Instant limit = started.plus(Duration.ofSeconds(n * 600L + 3600));
        while (f.running(r.id()) && f.clock.instant().isBefore(limit)) {
            f.step(MakespanBench.STEP);
            meter.sample(f);
        }
        Outcome o = meter.outcome("operator", f, started);
        Rollout done = f.rollout(r.id());
        return new Outcome(o.strategy(), n, MakespanBench.makespan(started, done).toSeconds(), o.minServingFraction(),
                o.belowDesiredInstanceS(), o.movesPerTask(), o.worstServiceRatio(), o.moves(), o.lowestByService());
    }

    static Outcome peer(String name, PeerDrivers.Driver driver, int n) {
        SimulatedFleet f = new SimulatedFleet(n, MakespanBench.defaults(), SimTimings.realistic());
        Meter meter = new Meter(f);
        Instant started = f.clock.instant();
        Instant limit = started.plus(Duration.ofSeconds(n * 600L + 3600));
        boolean done = false;
        while (!done && f.clock.instant().isBefore(limit)) {
            f.step(MakespanBench.STEP);
            done = driver.step(f);
            meter.sample(f);
        }
        if (!done) {
            throw new IllegalStateException(name + " did not finish " + n + " instances");
        }
        return meter.outcome(name, f, started);
    }

    static void measure(Figures figures) {
        Figures.print("== 1b. Side by side on the same simulated fleets and timings (defaults; peers driven by the bench) ==");
        Figures.print("%6s %-12s %10s %12s %16s %12s %14s   %s", "N", "strategy", "makespan_s", "min_serving",
                "below_desired_is", "moves/task", "worst_svc_min",
                "lowest running/desired per service (worst_svc_min: services with minimum healthy > 0 %)");
        for (int n : new int[] {10, 100}) {
            for (Outcome o : new Outcome[] {operator(n), peer("refresh90", PeerDrivers.instanceRefresh(90, 100), n),
                    peer("refresh110", PeerDrivers.instanceRefresh(100, 110), n), peer("naive", PeerDrivers.naive(), n)}) {
                Figures.print("%6d %-12s %10d %12.3f %16.0f %12.2f %14.2f   %s", o.n(), o.strategy(), o.makespanS(),
                        o.minServingFraction(), o.belowDesiredInstanceS(), o.movesPerTask(), o.worstServiceRatio(),
                        o.lowestByService());
                if (n == 100) {
                    String suffix = o.strategy().equals("operator") ? "" : "_" + o.strategy();
                    figures.put("makespan_s_n100" + suffix, o.makespanS());
                    figures.put("capacity_dip_n100" + suffix, o.dip());
                    figures.put("below_desired_instance_s_n100" + suffix, o.belowDesiredInstanceS());
                    figures.put("task_moves_per_task" + suffix, o.movesPerTask());
                    figures.put("worst_service_ratio_n100" + suffix, o.worstServiceRatio());
                    o.lowestByService().forEach((service, ratio) ->
                            figures.put("lowest_ratio_" + service + "_n100" + suffix, ratio));
                }
            }
        }
    }
}
