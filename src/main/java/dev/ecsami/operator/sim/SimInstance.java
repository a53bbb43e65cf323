package dev.ecsami.operator.sim;

import dev.ecsami.operator.core.fleet.Lifecycle;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** An EC2 instance of a simulated group, with the times of its next transitions. */
final class SimInstance {
    final String id;
    final String group;
    final String az;
    final String launchRef;
    final String ami;
    final Instant launchedAt;
    Lifecycle lifecycle = Lifecycle.PENDING;
    boolean protectedFromScaleIn;
    int weight = 1;
    boolean healthy = true;
    Instant inServiceAt;
    Instant registerAt;
    Instant goneAt;
    /** In Terminating:Wait: when the hooks other than ECS managed draining are done; null once they are. */
    Instant hookDoneAt;
    /** In Terminating:Wait: ECS managed draining must drain it before it goes on. */
    boolean awaitsManagedDrain;
    SimCause cause;
    /** In Terminating:Wait: each pending hook (other than ECS managed draining) and when it runs out. */
    final Map<String, Instant> hookDeadlines = new LinkedHashMap<>();
    /** The lifecycle action token of each pending hook. */
    final Map<String, String> hookTokens = new LinkedHashMap<>();

    SimInstance(String id, String group, String az, String launchRef, String ami, Instant launchedAt) {
        this.id = id;
        this.group = group;
        this.az = az;
        this.launchRef = launchRef;
        this.ami = ami;
        this.launchedAt = launchedAt;
    }
}
