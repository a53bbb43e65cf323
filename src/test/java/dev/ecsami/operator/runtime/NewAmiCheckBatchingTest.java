package dev.ecsami.operator.runtime;

import dev.ecsami.operator.core.model.AmiSource;
import dev.ecsami.operator.core.model.OnNewAmi;
import dev.ecsami.operator.core.model.RolloutPolicy;
import dev.ecsami.operator.core.model.Target;
import dev.ecsami.operator.core.model.Trigger;
import dev.ecsami.operator.core.port.FleetPorts;
import dev.ecsami.operator.core.port.Notifier;
import dev.ecsami.operator.sim.SimClock;
import dev.ecsami.operator.sim.SimTimings;
import dev.ecsami.operator.sim.SimulatedAws;
import dev.ecsami.operator.store.InMemoryRolloutStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The periodic AMI check reads every target's SSM parameter in GetParameters calls of up to 10 names. */
class NewAmiCheckBatchingTest {
    private static final String AMI = "ami-0000000000000a001";
    private static final String MISSING = "/golden/ecs/p13";

    private final SimClock clock = new SimClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final SimulatedAws aws = new SimulatedAws(clock, SimTimings.realistic());
    private final InMemoryRolloutStore store = new InMemoryRolloutStore();

    @Test
    void twentyFiveTargetsCostThreeGetParametersCallsAndAMissingParameterFailsOnlyItsTarget() {
        Map<String, Target> targets = new LinkedHashMap<>();
        aws.setup().image(AMI, "al2023-ami-ecs-hvm", "x86_64");
        for (int i = 0; i < 25; i++) {
            String name = "/golden/ecs/p%02d".formatted(i);
            if (!name.equals(MISSING)) {
                aws.setup().parameter(name, AMI);
            }
            aws.setup().group("asg-" + i, "c" + i, List.of("us-east-1a"), 1, 0, 2, AMI);
            targets.put("t" + i, new Target("t" + i, "c" + i, "asg-" + i, AmiSource.parse("ssm:" + name),
                    OnNewAmi.ROLL, RolloutPolicy.defaults()));
        }
        clock.advance(Duration.ofMinutes(5));
        aws.advance();
        int before = aws.log().calls().getOrDefault("GetParameters", 0);

        List<NewAmiCheck.Outcome> outcomes = check(targets).run(new Trigger(Trigger.Kind.SSM_CHECK, "test", ""));

        assertThat(aws.log().calls().getOrDefault("GetParameters", 0) - before).isEqualTo(3);
        assertThat(aws.log().calls()).doesNotContainKey("GetParameter");
        assertThat(outcomes).hasSize(25);
        assertThat(outcomes).filteredOn(o -> o.action() == NewAmiCheck.Action.ERROR).singleElement()
                .satisfies(o -> {
                    assertThat(o.target()).isEqualTo("t13");
                    assertThat(o.detail()).contains(MISSING);
                });
        assertThat(outcomes).filteredOn(o -> o.action() == NewAmiCheck.Action.CURRENT).hasSize(24);
        assertThat(aws.log().mutations()).isEmpty();
    }

    private NewAmiCheck check(Map<String, Target> targets) {
        FleetPorts ports = aws.ports();
        Notifier notifier = (rollout, events) -> { };
        RolloutRunner runner = new RolloutRunner(clock, store, ports, notifier,
                new RetryPolicy(Duration.ofSeconds(5), Duration.ofSeconds(40), 30));
        RolloutCommands commands = new RolloutCommands(clock, store, ports, targets, runner, notifier, () -> "r1");
        return new NewAmiCheck(commands, store, ports, notifier);
    }
}
