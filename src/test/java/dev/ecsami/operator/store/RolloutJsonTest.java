package dev.ecsami.operator.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.ecsami.operator.core.model.AmiRef;
import dev.ecsami.operator.core.model.AmiSource;
import dev.ecsami.operator.core.model.OnNewAmi;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutPolicy;
import dev.ecsami.operator.core.model.Target;
import dev.ecsami.operator.core.model.Trigger;
import dev.ecsami.operator.core.rollout.RolloutControl;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RolloutJsonTest {
    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    /** How the stores wrote rollouts before they used the application's mapper. */
    private static final ObjectMapper FORMER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static Rollout rollout() {
        Target target = new Target("web", "prod", "prod-asg", AmiSource.parse("amazon-linux-2023"), OnNewAmi.ROLL,
                RolloutPolicy.defaults());
        return RolloutControl.create("r-1", target, new AmiRef("ami-0000000000000a001", "old"),
                new AmiRef("ami-0000000000000b002", "new"), new Trigger(Trigger.Kind.HTTP, "alice", "test"),
                RolloutPolicy.defaults().withSurgeAhead(2), false, "alice", T0);
    }

    @Test
    void theStoredFormatStaysTheFormerOneWhateverTheApplicationMapperSaysOfDurations() throws Exception {
        Rollout r = rollout();
        JsonNode written = TestJson.STORE.mapper().readTree(TestJson.STORE.write(r));

        assertThat(written).isEqualTo(FORMER.readTree(FORMER.writeValueAsString(r)));
        assertThat(written.at("/policy/drainTimeout").isNumber()).isTrue();
        assertThat(written.at("/createdAt").textValue()).isEqualTo("2026-11-27T10:00:00Z");
    }

    @Test
    void aRolloutWrittenTheFormerWayReadsBackTheSame() throws Exception {
        Rollout r = rollout();

        assertThat(TestJson.STORE.rollout(FORMER.writeValueAsString(r))).isEqualTo(r);
    }
}
