package dev.ecsami.operator.core.model;

import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;

/**
 * How a rollout treats the fleet. All durations are positive, {@code maxInFlight >= 1},
 * {@code surgeAhead >= 0}.
 *
 * @param maxInFlight         instances draining at once
 * @param surge               launch a replacement before draining, so capacity never dips
 * @param surgeAhead          with surge, replacements launched for the instances next in line while
 *                            the current ones drain, so that a drain never waits for a boot
 * @param allowMaxSizeRaise   whether surge may raise the group's max size temporarily
 * @param suspendProcesses    Auto Scaling processes the rollout suspends before its first capacity change or
 *                            termination (those not already suspended) and resumes when it ends
 * @param allowSharedLaunchTemplate whether a launch template that other groups use through $Default or
 *                            $Latest may be rolled
 * @param surgeAheadAuto      surge-ahead sized by the rollout from observed boot and drain durations, in place
 *                            of {@code surgeAhead}
 */
public record RolloutPolicy(
        int maxInFlight,
        boolean surge,
        int surgeAhead,
        boolean allowMaxSizeRaise,
        Duration drainTimeout,
        OnDrainTimeout onDrainTimeout,
        Duration registrationTimeout,
        Duration steadyTimeout,
        Duration bakeTime,
        Duration pollInterval,
        Set<String> suspendProcesses,
        boolean allowSharedLaunchTemplate,
        boolean surgeAheadAuto) {
    public static final Set<String> DEFAULT_SUSPENDED = Set.of("AZRebalance");

    public static RolloutPolicy defaults() {
        return new RolloutPolicy(1, true, 1, true, Duration.ofMinutes(30), OnDrainTimeout.PAUSE,
                Duration.ofMinutes(15), Duration.ofMinutes(15), Duration.ZERO, Duration.ofSeconds(15),
                DEFAULT_SUSPENDED, false, true);
    }

    /** A fixed surge-ahead, as before surge-ahead auto existed. */
    public RolloutPolicy(int maxInFlight, boolean surge, int surgeAhead, boolean allowMaxSizeRaise,
                         Duration drainTimeout, OnDrainTimeout onDrainTimeout, Duration registrationTimeout,
                         Duration steadyTimeout, Duration bakeTime, Duration pollInterval, Set<String> suspendProcesses,
                         boolean allowSharedLaunchTemplate) {
        this(maxInFlight, surge, surgeAhead, allowMaxSizeRaise, drainTimeout, onDrainTimeout, registrationTimeout,
                steadyTimeout, bakeTime, pollInterval, suspendProcesses, allowSharedLaunchTemplate, false);
    }

    /** As before these settings existed: AZRebalance suspended, no shared launch template. */
    public RolloutPolicy(int maxInFlight, boolean surge, int surgeAhead, boolean allowMaxSizeRaise,
                         Duration drainTimeout, OnDrainTimeout onDrainTimeout, Duration registrationTimeout,
                         Duration steadyTimeout, Duration bakeTime, Duration pollInterval) {
        this(maxInFlight, surge, surgeAhead, allowMaxSizeRaise, drainTimeout, onDrainTimeout, registrationTimeout,
                steadyTimeout, bakeTime, pollInterval, DEFAULT_SUSPENDED, false);
    }

    public RolloutPolicy {
        suspendProcesses = suspendProcesses == null ? DEFAULT_SUSPENDED : Set.copyOf(suspendProcesses);
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
        }
        if (surgeAhead < 0) {
            throw new IllegalArgumentException("surgeAhead must be 0 or more, was " + surgeAhead);
        }
        requirePositive("drainTimeout", drainTimeout);
        requirePositive("registrationTimeout", registrationTimeout);
        requirePositive("steadyTimeout", steadyTimeout);
        requirePositive("pollInterval", pollInterval);
        if (bakeTime == null || bakeTime.isNegative()) {
            throw new IllegalArgumentException("bakeTime must be zero or positive");
        }
        if (onDrainTimeout == null) {
            throw new IllegalArgumentException("onDrainTimeout is required");
        }
    }

    private static void requirePositive(String name, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration, was " + d);
        }
    }

    public RolloutPolicy withMaxInFlight(int value) {
        return with(c -> c.maxInFlight = value);
    }

    public RolloutPolicy withSurge(boolean value) {
        return with(c -> c.surge = value);
    }

    public RolloutPolicy withDrainTimeout(Duration value, OnDrainTimeout onTimeout) {
        return with(c -> c.drainTimeout = value).with(c -> c.onDrainTimeout = onTimeout);
    }

    public RolloutPolicy withBakeTime(Duration value) {
        return with(c -> c.bakeTime = value);
    }

    public RolloutPolicy withTimeouts(Duration registration, Duration steady) {
        return with(c -> c.registrationTimeout = registration).with(c -> c.steadyTimeout = steady);
    }

    /** A fixed surge-ahead. */
    public RolloutPolicy withSurgeAhead(int value) {
        return with(c -> c.surgeAhead = value).with(c -> c.surgeAheadAuto = false);
    }

    /** Surge-ahead sized by the rollout; {@code surgeAhead} stays as it was and is not used. */
    public RolloutPolicy withSurgeAheadAuto() {
        return with(c -> c.surgeAheadAuto = true);
    }

    /** The setting as written: auto, or the fixed number. */
    public SurgeAhead surgeAheadSetting() {
        return surgeAheadAuto ? SurgeAhead.AUTO : new SurgeAhead(false, surgeAhead);
    }

    public RolloutPolicy withPollInterval(Duration value) {
        return with(c -> c.pollInterval = value);
    }

    public RolloutPolicy withAllowMaxSizeRaise(boolean value) {
        return with(c -> c.allowMaxSizeRaise = value);
    }

    public RolloutPolicy withSuspendProcesses(Set<String> value) {
        return with(c -> c.suspendProcesses = value);
    }

    /** This policy with what {@code change} sets, checked like any new policy. */
    private RolloutPolicy with(Consumer<Copy> change) {
        Copy c = new Copy(this);
        change.accept(c);
        return new RolloutPolicy(c.maxInFlight, c.surge, c.surgeAhead, c.allowMaxSizeRaise, c.drainTimeout,
                c.onDrainTimeout, c.registrationTimeout, c.steadyTimeout, c.bakeTime, c.pollInterval,
                c.suspendProcesses, c.allowSharedLaunchTemplate, c.surgeAheadAuto);
    }

    /** The fields of a policy, to change some of them. */
    private static final class Copy {
        int maxInFlight;
        boolean surge;
        int surgeAhead;
        boolean allowMaxSizeRaise;
        Duration drainTimeout;
        OnDrainTimeout onDrainTimeout;
        Duration registrationTimeout;
        Duration steadyTimeout;
        Duration bakeTime;
        Duration pollInterval;
        Set<String> suspendProcesses;
        boolean allowSharedLaunchTemplate;
        boolean surgeAheadAuto;

        Copy(RolloutPolicy p) {
            maxInFlight = p.maxInFlight;
            surge = p.surge;
            surgeAhead = p.surgeAhead;
            allowMaxSizeRaise = p.allowMaxSizeRaise;
            drainTimeout = p.drainTimeout;
            onDrainTimeout = p.onDrainTimeout;
            registrationTimeout = p.registrationTimeout;
            steadyTimeout = p.steadyTimeout;
            bakeTime = p.bakeTime;
            pollInterval = p.pollInterval;
            suspendProcesses = p.suspendProcesses;
            allowSharedLaunchTemplate = p.allowSharedLaunchTemplate;
            surgeAheadAuto = p.surgeAheadAuto;
        }
    }
}
