package dev.ecsami.operator.slack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecsami.operator.core.model.InstanceStep;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.model.RolloutPolicy;
import dev.ecsami.operator.core.model.RolloutState;
import dev.ecsami.operator.core.model.StepPhase;
import dev.ecsami.operator.core.rollout.DurationText;
import dev.ecsami.operator.core.rollout.RolloutSummary;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one message that shows where a rollout is: what moves where and why, progress, the instances
 * in flight, and, depending on the state, the outcome or the calls that move it on.
 */
final class StatusMessage {
    /** In-flight instances named before "and N more". */
    static final int MAX_IN_FLIGHT_SHOWN = 5;
    /** Forced or skipped instances named before "and N more". */
    static final int MAX_IDS_SHOWN = 20;

    private final SlackMessages calls;

    StatusMessage(SlackMessages calls) {
        this.calls = calls;
    }

    SlackMessage render(Rollout r, Instant now) {
        Progress p = Progress.of(r);
        List<JsonNode> blocks = new ArrayList<>();
        blocks.add(Blocks.header(Blocks.emoji(r.state()) + " AMI rollout " + Blocks.state(r.state()) + ": "
                + r.target()));
        blocks.add(Blocks.fields(List.of(
                "*Target*\n" + Blocks.escape(r.target()),
                "*Cluster*\n" + Blocks.escape(r.cluster()),
                "*Auto Scaling group*\n" + Blocks.escape(r.autoScalingGroup()),
                "*Rollout*\n" + Blocks.code(r.id()),
                "*From*\n" + Blocks.ami(r.fromAmi()),
                "*To*\n" + Blocks.ami(r.toAmi()),
                "*Triggered by*\n" + Blocks.trigger(r.trigger()))));
        if (r.state().isFinal()) {
            blocks.add(Blocks.section(outcome(r, p)));
        } else if (r.state() != RolloutState.PLANNED) {
            blocks.add(Blocks.section(progress(r, p, now)));
        }
        if (showsReason(r)) {
            blocks.add(Blocks.section("*Why:* " + Blocks.escape(r.reason())));
        }
        nextSteps(r).ifPresent(blocks::add);
        blocks.add(Blocks.context(policy(r.policy()) + " · as of " + Blocks.time(now)));
        return new SlackMessage(fallback(r, p), Blocks.capped(blocks));
    }

    private String progress(Rollout r, Progress p, Instant now) {
        if (r.baseline() == null && r.steps().isEmpty()) {
            return "*Progress:* not started yet: the pre-flight checks run first";
        }
        StringBuilder sb = new StringBuilder("*Progress:* ").append(p.replaced()).append(" of ").append(p.total())
                .append(" replaced");
        if (p.skipped() > 0) {
            sb.append(", ").append(p.skipped()).append(" skipped");
        }
        sb.append("\n`").append(p.bar()).append('`');
        List<InstanceStep> inFlight = r.inFlight();
        if (!inFlight.isEmpty()) {
            sb.append("\n*Now:*");
            inFlight.stream().limit(MAX_IN_FLIGHT_SHOWN).forEach(s -> sb.append("\n• ").append(Blocks.code(s.instanceId()))
                    .append(" (").append(Blocks.escape(s.availabilityZone())).append(") ")
                    .append(Blocks.phase(s.phase())).append(" for ")
                    .append(DurationText.of(Duration.between(s.phaseSince(), now))));
            if (inFlight.size() > MAX_IN_FLIGHT_SHOWN) {
                sb.append("\n• and ").append(inFlight.size() - MAX_IN_FLIGHT_SHOWN).append(" more in flight");
            }
        }
        sb.append("\n*Elapsed:* ").append(DurationText.of(Duration.between(Progress.startedAt(r), now)));
        p.timeLeft(r).ifPresent(left -> sb.append(" · about ").append(DurationText.of(left)).append(" left"));
        return sb.toString();
    }

    private String outcome(Rollout r, Progress p) {
        Instant end = r.finishedAt() != null ? r.finishedAt() : r.updatedAt();
        String took = DurationText.of(Duration.between(Progress.startedAt(r), end));
        StringBuilder sb = new StringBuilder("*Outcome:* ").append(Blocks.state(r.state()))
                .append(r.state() == RolloutState.SUCCEEDED ? " in " : " after ").append(took)
                .append("\n*Replaced:* ").append(Blocks.plural(p.replaced(), "instance"));
        if (r.state() != RolloutState.SUCCEEDED && p.remaining() > 0) {
            sb.append(" of ").append(p.total());
        }
        RolloutSummary.slowestDrain(r.steps()).ifPresent(d -> sb.append("\n*Slowest drain:* ")
                .append(Blocks.code(d.instanceId())).append(' ').append(DurationText.of(d.took())));
        List<String> forced = r.steps().stream().filter(InstanceStep::forced).map(InstanceStep::instanceId).toList();
        if (!forced.isEmpty()) {
            sb.append("\n*Forced* (terminated before the drain finished): ").append(Blocks.list(forced, MAX_IDS_SHOWN));
        }
        List<String> skipped = r.steps().stream().filter(s -> s.phase() == StepPhase.SKIPPED)
                .map(InstanceStep::instanceId).toList();
        if (!skipped.isEmpty()) {
            sb.append("\n*Skipped:* ").append(Blocks.list(skipped, MAX_IDS_SHOWN));
        }
        return sb.toString();
    }

    private Optional<JsonNode> nextSteps(Rollout r) {
        String text = switch (r.state()) {
            case PLANNED -> "*To approve or abort:*\n```" + calls.approve(r.id()) + "\n" + calls.abort(r.id()) + "```";
            case PAUSED -> "*To resume or abort:*\n```" + calls.resume(r.id()) + "\n" + calls.abort(r.id()) + "```";
            case FAILED -> "*To try again* with a new rollout:\n```" + calls.start(r.target()) + "```";
            default -> "";
        };
        return text.isEmpty() ? Optional.empty() : Optional.of(Blocks.section(Blocks.escape(text)));
    }

    /** The reason matters while a rollout waits or after it stopped short; PLANNED's reason is its header. */
    private static boolean showsReason(Rollout r) {
        return !r.reason().isEmpty() && r.state() != RolloutState.SUCCEEDED && r.state() != RolloutState.PLANNED;
    }

    private static String policy(RolloutPolicy policy) {
        return (policy.maxInFlight() == 1 ? "one instance at a time" : policy.maxInFlight() + " instances at a time")
                + (policy.surge() ? ", replacement launched first" : ", replacement launched after termination")
                + ", drain timeout " + DurationText.of(policy.drainTimeout()) + " then "
                + policy.onDrainTimeout().name().toLowerCase();
    }

    private static String fallback(Rollout r, Progress p) {
        String s = "AMI rollout of " + r.target() + " " + Blocks.state(r.state()) + ": " + r.fromAmi().imageId()
                + " → " + r.toAmi().imageId() + ", " + p.replaced() + " of " + p.total() + " replaced " + p.bar();
        if (showsReason(r)) {
            s += " — " + r.reason();
        }
        return Blocks.escape(s);
    }

    /**
     * How far a rollout is. The total is what the engine last counted ({@link Rollout#toReplace()}), never
     * less than the steps already begun; once the rollout succeeded, it is the steps it took.
     *
     * @param replaced steps DONE
     * @param skipped  steps SKIPPED
     * @param inFlight steps not finished yet
     * @param total    instances this rollout replaces, finished ones included
     */
    public record Progress(int replaced, int skipped, int inFlight, int total) {

        public static Progress of(Rollout rollout) {
            List<InstanceStep> steps = rollout.steps();
            int replaced = (int) steps.stream().filter(s -> s.phase() == StepPhase.DONE).count();
            int skipped = (int) steps.stream().filter(s -> s.phase() == StepPhase.SKIPPED).count();
            int inFlight = steps.size() - replaced - skipped;
            int total = rollout.state() == RolloutState.SUCCEEDED ? steps.size()
                    : Math.max(steps.size(), rollout.toReplace());
            return new Progress(replaced, skipped, inFlight, total);
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
}
