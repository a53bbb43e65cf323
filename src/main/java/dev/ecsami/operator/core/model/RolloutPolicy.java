package dev.ecsami.operator.core.model;

import java.time.Duration;
import java.util.Set;

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
        return new RolloutPolicy(value, surge, surgeAhead, allowMaxSizeRaise, drainTimeout, onDrainTimeout,
                registrationTimeout, steadyTimeout, bakeTime, pollInterval, suspendProcesses, allowSharedLaunchTemplate,
                surgeAheadAuto);
    }

    public RolloutPolicy withSurge(boolean value) {
        return new RolloutPolicy(maxInFlight, value, surgeAhead, allowMaxSizeRaise, drainTimeout, onDrainTimeout,
                registrationTimeout, steadyTimeout, bakeTime, pollInterval, suspendProcesses, allowSharedLaunchTemplate,
                surgeAheadAuto);
    }

    public RolloutPolicy withDrainTimeout(Duration value, OnDrainTimeout onTimeout) {
        return new RolloutPolicy(maxInFlight, surge, surgeAhead, allowMaxSizeRaise, value, onTimeout,
                registrationTimeout, steadyTimeout, bakeTime, pollInterval, suspendProcesses, allowSharedLaunchTemplate,
                surgeAheadAuto);
    }

    public RolloutPolicy withBakeTime(Duration value) {
        return new RolloutPolicy(maxInFlight, surge, surgeAhead, allowMaxSizeRaise, drainTimeout, onDrainTimeout,
                registrationTimeout, steadyTimeout, value, pollInterval, suspendProcesses,
                allowSharedLaunchTemplate, surgeAheadAuto);
    }

    public RolloutPolicy withTimeouts(Duration registration, Duration steady) {
        return new RolloutPolicy(maxInFlight, surge, surgeAhead, allowMaxSizeRaise, drainTimeout, onDrainTimeout,
                registration, steady, bakeTime, pollInterval, suspendProcesses, allowSharedLaunchTemplate,
                surgeAheadAuto);
    }

    /** A fixed surge-ahead. */
    public RolloutPolicy withSurgeAhead(int value) {
        return new RolloutPolicy(maxInFlight, surge, value, allowMaxSizeRaise, drainTimeout, onDrainTimeout,
                registrationTimeout, steadyTimeout, bakeTime, pollInterval, suspendProcesses, allowSharedLaunchTemplate,
                false);
    }

    /** Surge-ahead sized by the rollout; {@code surgeAhead} stays as it was and is not used. */
    public RolloutPolicy withSurgeAheadAuto() {
        return new RolloutPolicy(maxInFlight, surge, surgeAhead, allowMaxSizeRaise, drainTimeout, onDrainTimeout,
                registrationTimeout, steadyTimeout, bakeTime, pollInterval, suspendProcesses, allowSharedLaunchTemplate,
                true);
    }

    /** The setting as written: auto, or the fixed number. */
    public SurgeAhead surgeAheadSetting() {
        return surgeAheadAuto ? SurgeAhead.AUTO : new SurgeAhead(false, surgeAhead);
    }

    public RolloutPolicy withPollInterval(Duration value) {
        return new RolloutPolicy(maxInFlight, surge, surgeAhead, allowMaxSizeRaise, drainTimeout, onDrainTimeout,
                registrationTimeout, steadyTimeout, bakeTime, value, suspendProcesses, allowSharedLaunchTemplate,
                surgeAheadAuto);
    }

    public RolloutPolicy withAllowMaxSizeRaise(boolean value) {
        return new RolloutPolicy(maxInFlight, surge, surgeAhead, value, drainTimeout, onDrainTimeout,
                registrationTimeout, steadyTimeout, bakeTime, pollInterval, suspendProcesses, allowSharedLaunchTemplate,
                surgeAheadAuto);
    }

    public RolloutPolicy withSuspendProcesses(Set<String> value) {
        return new RolloutPolicy(maxInFlight, surge, surgeAhead, allowMaxSizeRaise, drainTimeout, onDrainTimeout,
                registrationTimeout, steadyTimeout, bakeTime, pollInterval, value, allowSharedLaunchTemplate,
                surgeAheadAuto);
    }
}
