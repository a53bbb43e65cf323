package dev.ecsami.operator.core.rollout;

import dev.ecsami.operator.core.model.InstanceStep;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.StepPhase;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The one line people read at the end of a rollout. */
public final class RolloutSummary {
    private RolloutSummary() {
    }

    public static String of(Rollout rollout, List<InstanceStep> steps, Instant now) {
        long replaced = steps.stream().filter(s -> s.phase() == StepPhase.DONE).count();
        String forced = steps.stream().filter(InstanceStep::forced).map(InstanceStep::instanceId)
                .collect(Collectors.joining(", "));
        String skipped = steps.stream().filter(s -> s.phase() == StepPhase.SKIPPED).map(InstanceStep::instanceId)
                .collect(Collectors.joining(", "));
        StringBuilder sb = new StringBuilder();
        sb.append(replaced).append(" instance").append(replaced == 1 ? "" : "s").append(" replaced, ")
                .append(rollout.fromAmi()).append(" -> ").append(rollout.toAmi()).append(", in ")
                .append(DurationText.of(Duration.between(rollout.createdAt(), now)));
        slowestDrain(steps).ifPresent(d -> sb.append("; slowest drain ").append(d.instanceId).append(' ')
                .append(DurationText.of(d.took)));
        if (!forced.isEmpty()) {
            sb.append("; forced: ").append(forced);
        }
        if (!skipped.isEmpty()) {
            sb.append("; skipped: ").append(skipped);
        }
        return sb.toString();
    }

    public record Drain(String instanceId, Duration took) {
    }

    public static Optional<Drain> slowestDrain(List<InstanceStep> steps) {
        return steps.stream()
                .map(s -> {
                    Optional<Instant> start = s.lastEntered(StepPhase.DRAIN);
                    Optional<Instant> end = s.lastEntered(StepPhase.WAIT_STEADY)
                            .or(() -> s.forced() ? s.lastEntered(StepPhase.TERMINATE) : Optional.empty());
                    if (start.isEmpty() || end.isEmpty() || end.get().isBefore(start.get())) {
                        return null;
                    }
                    return new Drain(s.instanceId(), Duration.between(start.get(), end.get()));
                })
                .filter(d -> d != null)
                .max(Comparator.comparing(Drain::took));
    }
}
