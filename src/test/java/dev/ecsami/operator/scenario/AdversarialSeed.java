package dev.ecsami.operator.scenario;

import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutPolicy;
import dev.ecsami.operator.core.model.RolloutState;
import dev.ecsami.operator.sim.SimActors;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * One seed of the adversarial suite: a random fleet (1 to 60 instances, 1 to 3 zones, with and
 * without surge), random other actors switched on at random virtual times, an operator that
 * sometimes aborts, crashes or gives up on a paused rollout; the world's invariants checked
 * after every step. The same seed always plays the same game.
 */
final class AdversarialSeed {
    /** What one seed did, for the suite's counts and a failure's replay. */
    record Outcome(long seed, String setup, RolloutState state, List<String> violations, long ticks, int actorsFired,
                   java.util.Map<String, Long> byActor, String trace) {
    }

    private static final Duration STEP = Duration.ofSeconds(10);
    private final long seed;
    private final Random rnd;
    private final List<String> setup = new ArrayList<>();

    AdversarialSeed(long seed) {
        this.seed = seed;
        this.rnd = new Random(seed * 0x9E3779B97F4A7C15L + 17);
    }

    Outcome play() {
        int instances = fleetSize();
        int zones = 1 + rnd.nextInt(3);
        RolloutPolicy policy = policy(instances);
        World w = World.fleetOf(instances, List.of("us-east-1a", "us-east-1b", "us-east-1c").subList(0, zones), policy);
        w.step = STEP;
        setup.add(instances + " instances in " + zones + " zones, surge " + policy.surge() + ", max in flight "
                + policy.maxInFlight() + ", surge ahead " + policy.surgeAhead());
        Instant t0 = w.clock.instant();
        Duration horizon = Duration.ofMinutes(30 + 5L * instances / policy.maxInFlight());
        actors(w, t0, horizon, instances);
        CrashingPorts crash = rnd.nextInt(10) == 0 ? new CrashingPorts(1 + rnd.nextInt(12), CrashingPorts.When.values()
                [rnd.nextInt(2)]) : null;
        if (crash != null) {
            setup.add("crash");
            w.portsWrapper = crash::wrap;
            w.wire();
        }
        Instant abortAt = rnd.nextInt(10) == 0 ? t0.plus(Duration.ofMinutes(1 + rnd.nextInt(30))) : null;
        if (abortAt != null) {
            setup.add("abort at " + abortAt);
        }
        Rollout r = w.start();
        Instant end = t0.plus(horizon).plus(Duration.ofHours(2));
        while (holds(w, r) && w.clock.instant().isBefore(end)) {
            try {
                w.step();
                Rollout now = w.rollout(r.id());
                boolean giveUp = now.state() == RolloutState.PAUSED
                        || (abortAt != null && !w.clock.instant().isBefore(abortAt))
                        || !w.clock.instant().isBefore(t0.plus(horizon));
                if (giveUp && now.state().isActive()) {
                    w.commands.abort(r.id(), "adversary");
                }
            } catch (CrashingPorts.Crash c) {
                w.portsWrapper = Function.identity();
                w.wire();
            }
        }
        Rollout last = w.rollout(r.id());
        String unsettled = last.holdsGroup() ? "did not settle: " + last.state() + " " + last.reason()
                + (last.windingDown() ? " (still giving back)" : "") : null;
        w.runFor(Duration.ofSeconds(30));
        List<String> violations = new ArrayList<>(w.violations);
        if (unsettled != null) {
            violations.add(unsettled);
        }
        return new Outcome(seed, String.join("; ", setup), last.state(), violations, w.shared.ticksChecked,
                w.aws.log().actors().size(), w.aws.log().actors().stream().collect(java.util.stream.Collectors
                .groupingBy(a -> a.actor().split(" ")[0], java.util.stream.Collectors.counting())),
                violations.isEmpty() ? "" : w.trace(r.id(), Integer.getInteger("adversarial.trace", 60)));
    }

    private static boolean holds(World w, Rollout r) {
        return w.rollout(r.id()).holdsGroup();
    }

    private int fleetSize() {
        int p = rnd.nextInt(100);
        if (p < 70) {
            return 1 + rnd.nextInt(8);
        }
        return p < 93 ? 9 + rnd.nextInt(12) : 21 + rnd.nextInt(40);
    }

    private RolloutPolicy policy(int instances) {
        boolean surge = rnd.nextInt(10) < 8;
        int inFlight = 1 + rnd.nextInt(Math.min(3, Math.max(1, instances / 4 + 1)));
        return World.policy().withSurge(surge).withMaxInFlight(inFlight).withSurgeAhead(rnd.nextInt(3));
    }

    private void actors(World w, Instant t0, Duration horizon, int instances) {
        SimActors a = w.aws.actors();
        String g = World.GROUP;
        if (chance(50)) {
            a.zoneTiesInAnyOrder(g, rnd.nextLong());
            setup.add("zone ties in any order");
        }
        if (chance(40)) {
            a.rebalancing(g, Duration.ofSeconds(30 + rnd.nextInt(90)));
            setup.add("rebalancing");
            if (chance(30)) {
                a.addZone(g, "us-east-1d");
                setup.add("zone added");
                settleRebalancing(w);
            }
        }
        if (chance(30)) {
            a.targetTracking(g, "tt", Duration.ofMinutes(2 + rnd.nextInt(5)), 1 + rnd.nextInt(2), rnd.nextLong());
            setup.add("target tracking");
            w.shared.disruptiveActors = true;
        }
        if (chance(25)) {
            Integer max = chance(20) ? instances + 1 + rnd.nextInt(4) : null;
            int desired = Math.max(1, instances + rnd.nextInt(5) - 2);
            a.scheduledAction(g, "sched", at(t0, horizon), max == null ? desired : Math.min(desired, max), null, max);
            w.shared.othersSetLimits |= max != null;
            w.shared.disruptiveActors = true;
            setup.add("scheduled desired " + desired + (max == null ? "" : " max " + max));
        }
        if (chance(15)) {
            boolean protection = chance(50);
            boolean draining = chance(50);
            a.capacityProvider(g, "cp", 80 + rnd.nextInt(21), protection, draining);
            w.shared.protectionManagedByEcs |= protection;
            w.shared.disruptiveActors = true;
            setup.add("capacity provider (protection " + protection + ", draining " + draining + ")");
        }
        if (chance(25)) {
            Duration heartbeat = Duration.ofMinutes(5 + rnd.nextInt(25));
            Duration completes = chance(30) ? null : Duration.ofSeconds(30 + rnd.nextInt(600));
            a.terminatingHook(g, "hook", heartbeat, chance(50) ? "CONTINUE" : "ABANDON", completes);
            setup.add("hook " + heartbeat + " completes " + completes);
        }
        int health = chance(30) ? 1 + rnd.nextInt(3) : 0;
        for (int n = 0; n < health; n++) {
            a.healthFailure(g, null, at(t0, horizon), rnd.nextLong());
            w.shared.disruptiveActors = true;
        }
        int spot = chance(25) ? 1 + rnd.nextInt(3) : 0;
        for (int n = 0; n < spot; n++) {
            a.spotInterruption(g, null, at(t0, horizon), rnd.nextLong());
            w.shared.disruptiveActors = true;
        }
        if (health + spot > 0) {
            setup.add(health + " health failures, " + spot + " Spot interruptions");
        }
        if (chance(10)) {
            Instant enter = at(t0, horizon);
            a.enterStandby(g, null, enter, rnd.nextLong());
            w.shared.disruptiveActors = true;
            setup.add("standby at " + enter);
            if (chance(50)) {
                a.exitStandby(g, null, enter.plus(Duration.ofMinutes(5 + rnd.nextInt(30))), rnd.nextLong());
            }
        }
        if (chance(10)) {
            a.protectNewInstances(g);
            setup.add("new instances protected");
        }
    }

    /** A zone added before the rollout: the group evens its zones out first, as it would in a day. */
    private static void settleRebalancing(World w) {
        Instant added = w.clock.instant();
        Instant limit = added.plus(Duration.ofHours(3));
        while (w.clock.instant().isBefore(limit)) {
            w.runFor(Duration.ofMinutes(1));
            Instant last = w.aws.log().actors().stream().filter(a -> a.actor().equals("rebalance"))
                    .map(dev.ecsami.operator.sim.SimCallLog.ActorRecord::at).max(Instant::compareTo).orElse(added);
            if (last.plus(Duration.ofMinutes(5)).isBefore(w.clock.instant())) {
                return;
            }
        }
    }

    private Instant at(Instant t0, Duration horizon) {
        return t0.plusSeconds(rnd.nextInt((int) Math.max(60, horizon.toSeconds() / 2)));
    }

    private boolean chance(int percent) {
        return rnd.nextInt(100) < percent;
    }
}
