package dev.ecsami.operator.slack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecsami.operator.core.model.InstanceStep;
import dev.ecsami.operator.core.model.Rollout;
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

    private final OperatorCalls calls;

    StatusMessage(OperatorCalls calls) {
        this.calls = calls;
    }

    SlackMessage render(Rollout r, Instant now) {
        RolloutProgress p = RolloutProgress.of(r);
        List<JsonNode> blocks = new ArrayList<>();
        blocks.add(Blocks.header(Wording.emoji(r.state()) + " AMI rollout " + Wording.state(r.state()) + ": "
                + r.target()));
        blocks.add(Blocks.fields(List.of(
                "*Target*\n" + Blocks.escape(r.target()),
                "*Cluster*\n" + Blocks.escape(r.cluster()),
                "*Auto Scaling group*\n" + Blocks.escape(r.autoScalingGroup()),
                "*Rollout*\n" + Blocks.code(r.id()),
                "*From*\n" + Wording.ami(r.fromAmi()),
                "*To*\n" + Wording.ami(r.toAmi()),
                "*Triggered by*\n" + Wording.trigger(r.trigger()))));
        if (r.state().isFinal()) {
            blocks.add(Blocks.section(outcome(r, p)));
        } else if (r.state() != RolloutState.PLANNED) {
            blocks.add(Blocks.section(progress(r, p, now)));
        }
        if (showsReason(r)) {
            blocks.add(Blocks.section("*Why:* " + Blocks.escape(r.reason())));
        }
        nextSteps(r).ifPresent(blocks::add);
        blocks.add(Blocks.context(policy(r.policy()) + " · as of " + Wording.time(now)));
        return new SlackMessage(fallback(r, p), Blocks.capped(blocks));
    }

    private String progress(Rollout r, RolloutProgress p, Instant now) {
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
                    .append(Wording.phase(s.phase())).append(" for ")
                    .append(DurationText.of(Duration.between(s.phaseSince(), now))));
            if (inFlight.size() > MAX_IN_FLIGHT_SHOWN) {
                sb.append("\n• and ").append(inFlight.size() - MAX_IN_FLIGHT_SHOWN).append(" more in flight");
            }
        }
        sb.append("\n*Elapsed:* ").append(DurationText.of(Duration.between(RolloutProgress.startedAt(r), now)));
        p.timeLeft(r).ifPresent(left -> sb.append(" · about ").append(DurationText.of(left)).append(" left"));
        return sb.toString();
    }

    private String outcome(Rollout r, RolloutProgress p) {
        Instant end = r.finishedAt() != null ? r.finishedAt() : r.updatedAt();
        String took = DurationText.of(Duration.between(RolloutProgress.startedAt(r), end));
        StringBuilder sb = new StringBuilder("*Outcome:* ").append(Wording.state(r.state()))
                .append(r.state() == RolloutState.SUCCEEDED ? " in " : " after ").append(took)
                .append("\n*Replaced:* ").append(Wording.plural(p.replaced(), "instance"));
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

    private static String fallback(Rollout r, RolloutProgress p) {
        String s = "AMI rollout of " + r.target() + " " + Wording.state(r.state()) + ": " + r.fromAmi().imageId()
                + " → " + r.toAmi().imageId() + ", " + p.replaced() + " of " + p.total() + " replaced " + p.bar();
        if (showsReason(r)) {
            s += " — " + r.reason();
        }
        return Blocks.escape(s);
    }
}
