package dev.ecsami.operator.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsami.operator.core.drain.DrainRecord;
import dev.ecsami.operator.core.drain.DrainRequest;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class DrainsResourceTest {
    private static final String TOKEN = "c7a0f2d4-5b1e-4a61-9d3c-0e8f7b6a5d43";

    @Test
    void theListingNeverShowsTheLifecycleActionToken() throws Exception {
        DrainRequest request = new DrainRequest(DrainRecord.Reason.SCALE_IN, "prod-asg", "i-0abc", "drain-hook", TOKEN);
        Instant at = Instant.parse("2026-12-01T10:00:00Z");
        DrainRecord drain = new DrainRecord(request.drainId(), "prod", "prod-asg", "prod", "i-0abc",
                DrainRecord.Reason.SCALE_IN, "drain-hook", TOKEN, at, at, 0, DrainRecord.State.DRAINING, "", null);
        DrainsResource.Drain listed = DrainsResource.Drain.of(drain);
        String json = new ObjectMapper().findAndRegisterModules().writeValueAsString(listed);

        assertThat(listed.instanceId()).isEqualTo("i-0abc");
        assertThat(json).contains("i-0abc").doesNotContain(TOKEN);
        assertThat(drain.toString()).doesNotContain(TOKEN);
        assertThat(request.toString()).doesNotContain(TOKEN);
    }

    @Test
    void theSameTokenNamesTheSameDrainWithoutCarryingIt() {
        DrainRequest once = new DrainRequest(DrainRecord.Reason.SCALE_IN, "g", "i-1", "h", TOKEN);
        DrainRequest again = new DrainRequest(DrainRecord.Reason.SCALE_IN, "g", "i-1", "h", TOKEN);
        DrainRequest other = new DrainRequest(DrainRecord.Reason.SCALE_IN, "g", "i-1", "h", TOKEN + "x");

        assertThat(once.drainId()).isEqualTo(again.drainId()).doesNotContain(TOKEN).startsWith("i-1/");
        assertThat(other.drainId()).isNotEqualTo(once.drainId());
    }

    @Test
    void anAwsErrorThatQuotesTheTokenIsRedacted() {
        Instant at = Instant.parse("2026-12-01T10:00:00Z");
        DrainRecord drain = new DrainRecord("i-1/action-x", "t", "g", "c", "i-1", DrainRecord.Reason.SCALE_IN, "h",
                TOKEN, at, at, 0, DrainRecord.State.DRAINING, "", null);
        assertThat(drain.redacted("No active Lifecycle Action found with token " + TOKEN)).doesNotContain(TOKEN);
    }
}
