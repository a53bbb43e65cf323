package dev.ecsami.operator.sim;

import java.time.Duration;

/**
 * How long things take in the simulated world.
 *
 * @param boot         launch to InService
 * @param registration InService to the container instance being ACTIVE
 * @param taskStart    a placed task to RUNNING
 * @param taskStop     a stopping task to gone (connection draining, stopTimeout)
 * @param termination  Terminating to gone
 */
public record SimTimings(Duration boot, Duration registration, Duration taskStart, Duration taskStop,
                         Duration termination) {
    public static SimTimings realistic() {
        return new SimTimings(Duration.ofSeconds(90), Duration.ofSeconds(20), Duration.ofSeconds(20),
                Duration.ofSeconds(30), Duration.ofSeconds(60));
    }
}
