package dev.ecsami.operator.slack;

import dev.ecsami.operator.core.drain.DrainRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The drain digest decides on the instants it is given: one message per target and closed window. */
class DrainDigestTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private final DrainDigest digest = new DrainDigest(Duration.ofMinutes(15));

    static DrainRecord draining(String target, String instanceId, Instant at) {
        return new DrainRecord("d-" + instanceId, target, target + "-asg", "prod", instanceId,
                DrainRecord.Reason.SCALE_IN, "hook", "token-must-never-show", at, at, 0, DrainRecord.State.DRAINING,
                "", null);
    }

    @Test
    void nothingIsDueBeforeTheWindowCloses() {
        digest.record(draining("web", "i-1", T0), T0);

        assertThat(digest.due(T0.plus(Duration.ofMinutes(15)).minusSeconds(1))).isEmpty();
        assertThat(digest.due(T0.plus(Duration.ofMinutes(15)))).hasSize(1);
    }

    @Test
    void eachTargetGetsItsOwnDigestOnceWithCountsLongestDrainAndTimeouts() {
        DrainRecord a = draining("web", "i-aaa", T0);
        DrainRecord b = draining("web", "i-bbb", T0.plusSeconds(60));
        DrainRecord c = draining("api", "i-ccc", T0.plusSeconds(120));
        digest.record(a, T0);
        digest.record(b, T0.plusSeconds(60));
        digest.record(c, T0.plusSeconds(120));
        digest.record(a.end(DrainRecord.State.COMPLETED, "no service or standalone task left",
                T0.plusSeconds(250)), T0.plusSeconds(250));
        digest.record(b.end(DrainRecord.State.TIMED_OUT, "drain timeout PT5M (FORCE): let go with 2 task(s) still "
                + "on it; hook completed with CONTINUE", T0.plusSeconds(360)), T0.plusSeconds(360));

        List<SlackMessage> first = digest.due(T0.plus(Duration.ofMinutes(15)));

        assertThat(first).singleElement().satisfies(m -> {
            assertThat(m.text()).isEqualTo("Drains of web: 2 started, 1 completed, 1 timed out");
            String blocks = m.blocks().toString();
            assertThat(blocks).contains("*Longest drain*\\n`i-bbb` 5m 00s (timed out)",
                    "`i-bbb` (scale-in) after 5m 00s: drain timeout PT5M (FORCE): let go with 2 task(s) still on it;"
                            + " hook completed with CONTINUE", "from 10:00:00 UTC to 10:15:00 UTC");
            assertThat(blocks).doesNotContain("token-must-never-show").doesNotContain("i-ccc");
        });
        assertThat(digest.due(T0.plus(Duration.ofMinutes(16)))).isEmpty();
        assertThat(digest.due(T0.plus(Duration.ofMinutes(17)))).singleElement()
                .satisfies(m -> assertThat(m.text()).isEqualTo("Drains of api: 1 started, 0 completed, 0 timed out"));
        assertThat(digest.due(T0.plus(Duration.ofHours(2)))).isEmpty();
    }

    @Test
    void aDrainOfAGroupNoTargetConfiguresIsToldUnderItsGroup() {
        DrainRecord d = draining("", "i-1", T0);
        digest.record(d, T0);
        digest.record(d.end(DrainRecord.State.RELEASED, "group x is not a configured target", T0), T0);

        assertThat(digest.due(T0.plus(Duration.ofMinutes(15)))).singleElement().satisfies(m -> {
            assertThat(m.text()).isEqualTo("Drains of group -asg: 1 started, 0 completed, 0 timed out");
            assertThat(m.blocks().toString()).contains("*Other ends*\\n1 released at once");
        });
    }
}
