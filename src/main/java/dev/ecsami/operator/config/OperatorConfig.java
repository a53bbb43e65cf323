package dev.ecsami.operator.config;

import dev.ecsami.operator.core.model.OnDrainTimeout;
import dev.ecsami.operator.core.model.OnNewAmi;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting of the operator. The key names are a contract with docs, deploy templates and
 * users; see docs/configuration.md.
 */
@ConfigMapping(prefix = "operator")
public interface OperatorConfig {

    enum Backend { AWS, SIMULATED }

    enum StoreKind { FILE, MEMORY, DYNAMODB }

    /** {@code aws} talks to AWS; {@code simulated} runs on the embedded simulated AWS. */
    @WithDefault("aws")
    Backend backend();

    /** The fleets to keep current, by name. */
    Map<String, TargetConfig> targets();

    Store store();

    Leader leader();

    Scheduler scheduler();

    AmiCheck amiCheck();

    Simulation simulation();

    Dashboard dashboard();

    Lifecycle lifecycle();

    interface TargetConfig {
        /** ECS cluster name. */
        String cluster();

        /** EC2 Auto Scaling group name. */
        String autoScalingGroup();

        /** An AMI family (amazon-linux-2023, amazon-linux-2023/arm64, ...), ssm:/param/name, or ami-... */
        String ami();

        @WithDefault("roll")
        OnNewAmi onNewAmi();

        @WithDefault("1")
        int maxInFlight();

        @WithDefault("true")
        boolean surge();

        /**
         * With surge: replacements launched ahead for the instances next in line, while others drain;
         * {@code auto} sizes it from observed boot and drain durations.
         */
        @WithDefault("auto")
        String surgeAhead();

        /** Whether surge may raise the group's max size for the time of the rollout. */
        @WithDefault("true")
        boolean allowMaxSizeRaise();

        @WithDefault("30m")
        Duration drainTimeout();

        @WithDefault("pause")
        OnDrainTimeout onDrainTimeout();

        @WithDefault("15m")
        Duration registrationTimeout();

        @WithDefault("15m")
        Duration steadyTimeout();

        @WithDefault("0s")
        Duration bakeTime();

        @WithDefault("15s")
        Duration pollInterval();

        /**
         * Auto Scaling processes suspended for the rollout (those not suspended already) and resumed
         * when it ends. Launch and Terminate may not be named: the rollout needs them.
         */
        @WithDefault("AZRebalance")
        java.util.Set<String> suspendProcesses();

        /** Whether a launch template other groups use through $Default or $Latest may be rolled. */
        @WithDefault("false")
        boolean allowSharedLaunchTemplate();
    }

    interface Store {
        /**
         * {@code file}: rollouts survive restarts; {@code memory}: they do not; {@code dynamodb}: a table
         * shared by replicas, one of which leads.
         */
        @WithDefault("file")
        StoreKind kind();

        @WithDefault("data/rollouts")
        Path dir();

        /** Finished rollouts kept in the history; older ones are deleted. */
        @WithDefault("500")
        int keepFinished();

        /** The DynamoDB table of the {@code dynamodb} store. */
        @WithDefault("ecs-ami-operator")
        String table();

        /** Create the table (on demand, with TTL) at start-up when it does not exist. */
        @WithDefault("false")
        boolean createTable();
    }

    /** The leader lease of the {@code dynamodb} store; with one process there is nothing to elect. */
    interface Leader {
        /** How long a lease lasts unrenewed before another replica may take it over. */
        @WithDefault("20s")
        Duration leaseDuration();

        /** How often the leader renews and followers look at the lease; under half the lease duration. */
        @WithDefault("5s")
        Duration renewInterval();

        /** This replica's name in the lease and the API; empty picks host name and a random suffix. */
        Optional<String> replicaId();
    }

    interface Scheduler {
        /** How often the loop looks for rollouts that are due (wall time). */
        @WithDefault("1s")
        Duration tickInterval();

        /** First wait after a transient AWS error; doubles up to retry-max-delay. */
        @WithDefault("2s")
        Duration retryBaseDelay();

        @WithDefault("2m")
        Duration retryMaxDelay();

        /** Consecutive transient errors after which the rollout pauses. */
        @WithDefault("12")
        int retryMaxAttempts();
    }

    interface AmiCheck {
        /** Re-resolve every target's AMI once at start-up. */
        @WithDefault("true")
        boolean onStartup();

        /** And then this often, to catch releases whose announcement was missed. */
        @WithDefault("6h")
        Duration interval();
    }

    interface Simulation {
        /** Virtual seconds per wall second. */
        @WithDefault("20")
        double speed();

        /** Instances per simulated group. */
        @WithDefault("6")
        int instances();

        /** Stop the application when no rollout is active any more (for the demo). */
        @WithDefault("false")
        boolean exitWhenIdle();
    }

    interface Dashboard {
        /**
         * Whether the pages at / show targets and rollouts to anyone, without a token. Off, they
         * show data only to a token entered on the page. Actions always need an operator token.
         */
        @WithDefault("false")
        boolean publicRead();

        /** How often an open page fetches its live part again. */
        @WithDefault("2s")
        Duration refreshInterval();

        /** Rows per page of a rollout's instance timeline, its event log and the history. */
        @WithDefault("50")
        int pageSize();
    }

    interface Lifecycle {
        /** Drain instances that leave through a terminating lifecycle hook or a Spot warning. */
        @WithDefault("false")
        boolean enabled();

        /** The SQS queues the hook notifications and EventBridge events arrive on; may be the AMI queue. */
        Optional<List<String>> queueUrls();

        /** How often a held hook is heartbeaten; keep it well below the hook's heartbeat timeout. */
        @WithDefault("30s")
        Duration heartbeatInterval();

        /** How long a scale-in or Spot drain may last before the drain-timeout policy applies. */
        @WithDefault("45m")
        Duration drainTimeout();

        /** What a drain that outlives the drain timeout does: force (CONTINUE) or pause (ACTIVE again, ABANDON). */
        @WithDefault("force")
        OnDrainTimeout onDrainTimeout();

        /** Also drain at once on an EC2 Instance Rebalance Recommendation. */
        @WithDefault("false")
        boolean drainOnRebalanceRecommendation();
    }
}
