package dev.ecsami.operator.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * A target tracking policy following a load that wanders: every period it moves desired
 * capacity a few instances up or down, within min and max. Not while AlarmNotification is
 * suspended (its alarms do not reach the policy).
 */
final class SimTargetTracking implements SimActor {
    private final String group;
    private final String policy;
    private final Duration every;
    private final int maxStep;
    private final Random random;
    private Instant next;

    SimTargetTracking(String group, String policy, Instant from, Duration every, int maxStep, long seed) {
        this.group = group;
        this.policy = policy;
        this.every = every;
        this.maxStep = maxStep;
        this.random = new Random(seed);
        this.next = from.plus(every);
    }

    @Override
    public Instant nextAt() {
        return next;
    }

    @Override
    public String name() {
        return "policy " + policy;
    }

    @Override
    public void act(SimWorld world, Instant t) {
        next = t.plus(every);
        SimGroup g = world.groups.get(group);
        int step = random.nextInt(2 * maxStep + 1) - maxStep;
        if (step == 0 || g.suspended.contains("AlarmNotification")) {
            return;
        }
        int before = g.desired;
        g.setDesiredByOthers(g.desired + step);
        if (g.desired != before) {
            world.log.actor(t, name(), "desired " + before + " -> " + g.desired);
        }
    }
}
