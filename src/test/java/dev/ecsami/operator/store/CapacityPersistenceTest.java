package dev.ecsami.operator.store;

import dev.ecsami.operator.core.model.AmiRef;
import dev.ecsami.operator.core.model.AmiSource;
import dev.ecsami.operator.core.model.CapacitySample;
import dev.ecsami.operator.core.model.OnNewAmi;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutPolicy;
import dev.ecsami.operator.core.model.Target;
import dev.ecsami.operator.core.model.Trigger;
import dev.ecsami.operator.core.rollout.RolloutControl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CapacityPersistenceTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void capacitySamplesSurviveARestartOfTheFileStore(@TempDir Path dir) {
        Target target = new Target("web", "prod", "prod-asg", AmiSource.parse("amazon-linux-2023"), OnNewAmi.ROLL,
                RolloutPolicy.defaults());
        Rollout r = RolloutControl.create("r-1", target, AmiRef.of("ami-0000000000000a001"),
                AmiRef.of("ami-0000000000000b002"), new Trigger(Trigger.Kind.HTTP, "ops", ""),
                RolloutPolicy.defaults(), false, "ops", T0).toBuilder()
                .capacity(new CapacitySample(T0, 3, 3, 0)).capacity(new CapacitySample(T0.plusSeconds(60), 4, 3, 3))
                .build();
        new FileRolloutStore(TestJson.STORE, dir, 10, false).create(r);

        Rollout reread = new FileRolloutStore(TestJson.STORE, dir, 10, false).find("r-1").orElseThrow();

        assertThat(reread.capacity()).containsExactlyElementsOf(r.capacity());
        assertThat(reread).isEqualTo(r);
    }
}
