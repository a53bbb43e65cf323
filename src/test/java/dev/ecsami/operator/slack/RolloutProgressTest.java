package dev.ecsami.operator.slack;

import dev.ecsami.operator.core.model.RolloutPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.ecsami.operator.slack.RolloutScript.T0;
import static org.assertj.core.api.Assertions.assertThat;

class RolloutProgressTest {

    @Test
    void totalComesFromTheStartedCountBeforeAnyInstanceBegins() {
        RolloutScript s = RolloutScript.of(7);
        s.start(T0);

        assertThat(StatusMessage.Progress.of(s.rollout())).isEqualTo(new StatusMessage.Progress(0, 0, 0, 7));
    }

    @Test
    void totalFollowsTheNewestInstanceCountAndCountsReplacedSkippedAndInFlight() {
        RolloutScript s = RolloutScript.of(4);
        s.start(T0);
        s.startInstance("i-1", T0);
        s.finish("i-1", T0, T0.plusSeconds(60));
        s.startInstance("i-2", T0.plusSeconds(60));
        s.skip("i-2", T0.plusSeconds(70));
        s.startInstance("i-3", T0.plusSeconds(70));

        StatusMessage.Progress p = StatusMessage.Progress.of(s.rollout());

        assertThat(p).isEqualTo(new StatusMessage.Progress(1, 1, 1, 4));
        assertThat(p.finished()).isEqualTo(2);
        assertThat(p.remaining()).isEqualTo(2);
        assertThat(p.bar()).isEqualTo("[█████░░░░░] 50%");
    }

    @Test
    void totalIsNeverLessThanTheStepsBegun() {
        RolloutScript s = RolloutScript.of(1);
        s.start(T0);
        s.startInstance("i-1", T0);
        s.startInstance("i-2", T0);
        s.startInstance("i-3", T0);

        assertThat(StatusMessage.Progress.of(s.rollout()).total()).isEqualTo(3);
    }

    @Test
    void aSucceededRolloutCountsTheStepsItTook() {
        RolloutScript s = RolloutScript.of(5);
        s.start(T0);
        s.startInstance("i-1", T0);
        s.finish("i-1", T0, T0.plusSeconds(60));
        s.succeed(T0.plusSeconds(60));

        StatusMessage.Progress p = StatusMessage.Progress.of(s.rollout());

        assertThat(p.total()).isEqualTo(1);
        assertThat(p.bar()).isEqualTo("[██████████] 100%");
    }

    @Test
    void nothingToReplaceIsComplete() {
        RolloutScript s = RolloutScript.of(0);
        s.start(T0);

        assertThat(StatusMessage.Progress.of(s.rollout()).bar()).isEqualTo("[██████████] 100%");
    }

    @Test
    void timeLeftIsTheMeanPerInstanceTimesWhatRemainsSharedByWhatRunsAtOnce() {
        RolloutScript serial = RolloutScript.of(10);
        serial.start(T0);
        serial.startInstance("i-1", T0);
        serial.finish("i-1", T0, T0.plus(Duration.ofMinutes(3)));
        serial.startInstance("i-2", T0.plus(Duration.ofMinutes(3)));
        serial.finish("i-2", T0.plus(Duration.ofMinutes(3)), T0.plus(Duration.ofMinutes(8)));

        assertThat(StatusMessage.Progress.of(serial.rollout()).timeLeft(serial.rollout())).contains(Duration.ofMinutes(32));

        RolloutScript parallel = RolloutScript.of(10, RolloutPolicy.defaults().withMaxInFlight(4), RolloutScript.SNS,
                false);
        parallel.start(T0);
        parallel.startInstance("i-1", T0);
        parallel.finish("i-1", T0, T0.plus(Duration.ofMinutes(4)));

        assertThat(StatusMessage.Progress.of(parallel.rollout()).timeLeft(parallel.rollout())).contains(Duration.ofMinutes(9));
    }

    @Test
    void noEstimateBeforeTheFirstInstanceIsReplaced() {
        RolloutScript s = RolloutScript.of(3);
        s.start(T0);
        s.startInstance("i-1", T0);

        assertThat(StatusMessage.Progress.of(s.rollout()).timeLeft(s.rollout())).isEmpty();
    }
}
