package dev.ecsami.operator.scenario;

import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutState;
import dev.ecsami.operator.core.model.StepPhase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The process dies just before a termination that would decrement desired capacity, and the group
 * takes that same instance on its own (here a health check replacement, which keeps desired
 * capacity). After the restart the instance is leaving as if the termination had run: the
 * operator asks the group's scaling activities instead of counting the group's termination as its
 * own decrement, which would take the group's unchanged desired capacity for someone else's
 * scale-out and leave one instance behind at the end (adversarial seed 5461, with a scale-in).
 */
class LostDecrementScenarioTest {
    private static final int INSTANCES = 3;

    @Test
    void aDecrementLostInACrashWhileTheGroupTakesThatInstanceLeavesDesiredWhereOthersPutIt() {
        World w = World.fleetOf(INSTANCES, World.policy());
        String[] rolloutId = {null};
        String[] lost = {null};
        w.portsWrapper = ports -> CrashingPorts.aroundMutations(ports, (operation, call) -> {
            if (lost[0] == null && operation.equals("Terminate")) {
                lost[0] = w.rollout(rolloutId[0]).steps().stream().filter(s -> s.phase() == StepPhase.TERMINATE)
                        .findFirst().orElseThrow().instanceId();
                w.aws.actors().healthFailure(World.GROUP, lost[0], w.clock.instant(), 1);
                throw new CrashingPorts.Crash("before Terminate " + lost[0]);
            }
            call.run();
        });
        w.wire();
        Rollout r = w.start();
        rolloutId[0] = r.id();
        Instant end = w.clock.instant().plus(Duration.ofHours(2));
        while (w.rollout(r.id()).holdsGroup() && w.clock.instant().isBefore(end)) {
            try {
                w.step();
            } catch (CrashingPorts.Crash crash) {
                w.portsWrapper = Function.identity();
                w.wire();
            }
        }
        w.runFor(Duration.ofSeconds(30));

        assertThat(lost[0]).as("the crash happened at a decrementing termination").isNotNull();
        assertThat(w.aws.log().terminations()).anyMatch(t -> t.instanceId().equals(lost[0])
                && t.cause() == dev.ecsami.operator.sim.SimCause.HEALTH);
        assertThat(w.rollout(r.id()).state()).isEqualTo(RolloutState.SUCCEEDED);
        assertThat(w.aws.othersNet(World.GROUP)).isZero();
        assertThat(w.aws.peekGroup(World.GROUP).desired()).isEqualTo(INSTANCES);
        assertThat(w.violations).isEmpty();
    }
}
