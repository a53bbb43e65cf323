package dev.ecsami.operator.dashboard;

import dev.ecsami.operator.api.DrainsResource;
import dev.ecsami.operator.core.drain.DrainRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class DrainRowTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final String TOKEN = "b9cc1a2e-token-completes-the-hook";

    private static DrainRecord scaleIn() {
        return new DrainRecord("i-0abc/" + TOKEN, "web", "web-asg", "prod", "i-0abc", DrainRecord.Reason.SCALE_IN,
                "drain-hook", TOKEN, T0, T0, 0, DrainRecord.State.DRAINING, "", null)
                .heartbeatAt(T0.plusSeconds(30)).heartbeatAt(T0.plusSeconds(60));
    }

    @Test
    void aRunningScaleInDrainShowsHowLongSoFarAndItsHeartbeatsButNeverTheToken() {
        OverviewPage.DrainRow row = OverviewPage.DrainRow.of(DrainsResource.Drain.of(scaleIn()), T0.plusSeconds(75));

        assertThat(row).isEqualTo(new OverviewPage.DrainRow("i-0abc", "web", "web-asg", "scale-in", "DRAINING",
                "draining", "2026-12-01 10:00:00 UTC", "for 1m 15s", 2, ""));
        assertThat(row.toString()).doesNotContain(TOKEN);
    }

    @Test
    void anEndedDrainShowsItsDurationAndWhatThePolicyDid() {
        DrainRecord ended = scaleIn().end(DrainRecord.State.TIMED_OUT, "drain timeout PT45M (FORCE): let go",
                T0.plus(Duration.ofMinutes(45)));

        OverviewPage.DrainRow row = OverviewPage.DrainRow.of(DrainsResource.Drain.of(ended), T0.plus(Duration.ofHours(3)));

        assertThat(row.duration()).isEqualTo("45m 00s");
        assertThat(row.stateClass()).isEqualTo("timed-out");
        assertThat(row.outcome()).isEqualTo("drain timeout PT45M (FORCE): let go");
        assertThat(row.toString()).doesNotContain(TOKEN);
    }
}
