package dev.ecsami.operator.slack;

import dev.ecsami.operator.core.model.InstanceStep;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.model.RolloutState;
import dev.ecsami.operator.core.model.StepPhase;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How far a rollout is. The total is what the engine last counted ({@link Rollout#toReplace()}), never
 * less than the steps already begun; once the rollout succeeded, it is the steps it took.
 *
 * @param replaced steps DONE
 * @param skipped  steps SKIPPED
 * @param inFlight steps not finished yet
 * @param total    instances this rollout replaces, finished ones included
 */
public record RolloutProgress(int replaced, int skipped, int inFlight, int total) {

    public static RolloutProgress of(Rollout rollout) {
        List<InstanceStep> steps = rollout.steps();
        int replaced = (int) steps.stream().filter(s -> s.phase() == StepPhase.DONE).count();
        int skipped = (int) steps.stream().filter(s -> s.phase() == StepPhase.SKIPPED).count();
        int inFlight = steps.size() - replaced - skipped;
        int total = rollout.state() == RolloutState.SUCCEEDED ? steps.size()
                : Math.max(steps.size(), rollout.toReplace());
        return new RolloutProgress(replaced, skipped, inFlight, total);
    }

    /** Replaced or skipped: the instances this rollout is done with. */
    public int finished() {
        return replaced + skipped;
    }

    public int remaining() {
        return Math.max(0, total - finished());
    }

    /** Whole percent of the instances finished; 100 when there is nothing to replace. */
    public int percent() {
        return total == 0 ? 100 : (int) (100L * finished() / total);
    }

    /** {@code [████░░░░░░] 40%}: ten cells, one per ten percent. */
    public String bar() {
        int filled = percent() / 10;
        return "[" + "█".repeat(filled) + "░".repeat(10 - filled) + "] " + percent() + "%";
    }

    /**
     * Time left: the mean time one replaced instance took, times the instances left, divided by how
     * many run at once. Empty until one instance is replaced, and when nothing is left.
     */
    public Optional<Duration> timeLeft(Rollout rollout) {
        List<Duration> took = rollout.steps().stream().filter(s -> s.phase() == StepPhase.DONE)
                .map(s -> Duration.between(s.startedAt(), s.phaseSince())).toList();
        if (took.isEmpty() || remaining() == 0) {
            return Optional.empty();
        }
        Duration mean = took.stream().reduce(Duration.ZERO, Duration::plus).dividedBy(took.size());
        long parallel = Math.max(1, Math.min(rollout.policy().maxInFlight(), remaining()));
        return Optional.of(mean.multipliedBy(remaining()).dividedBy(parallel));
    }

    /** When the rollout began to replace: its STARTED event, else its creation. */
    public static Instant startedAt(Rollout rollout) {
        return rollout.events().stream().filter(e -> e.type() == RolloutEvent.Type.STARTED)
                .map(RolloutEvent::at).findFirst().orElse(rollout.createdAt());
    }
}
