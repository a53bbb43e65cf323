package dev.ecsami.operator.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * A target tracking policy following a load that wanders: every period it moves desired
 * capacity a few instances up or down, within min and max. Not while AlarmNotification is
 * suspended (its alarms do not reach the policy).
 */
final class SimTargetTracking extends SimPeriodicActor {
    private final String policy;
    private final int maxStep;
    private final Random random;

    SimTargetTracking(String group, String policy, Instant from, Duration every, int maxStep, long seed) {
        super(group, from, every);
        this.policy = policy;
        this.maxStep = maxStep;
        this.random = new Random(seed);
    }

    @Override
    public String name() {
        return "policy " + policy;
    }

    @Override
    void actOn(SimWorld world, SimGroup g, Instant t) {
        int step = random.nextInt(2 * maxStep + 1) - maxStep;
        if (step == 0 || g.suspended.contains("AlarmNotification")) {
            return;
        }
        moveDesired(world, g, t, g.desired + step, "");
    }
}
