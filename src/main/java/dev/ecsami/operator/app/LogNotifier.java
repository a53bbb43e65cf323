package dev.ecsami.operator.app;

import dev.ecsami.operator.core.model.InstanceStep;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.rollout.DurationText;
import dev.ecsami.operator.core.rollout.RolloutSummary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Every rollout event as one log line, and a summary block when a rollout ends. */
@ApplicationScoped
@Typed(NotificationChannel.class)
public class LogNotifier implements NotificationChannel {
    private static final Logger LOG = Logger.getLogger("dev.ecsami.operator.rollout");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    @Override
    public void rolloutChanged(Rollout rollout, List<RolloutEvent> newEvents) {
        for (RolloutEvent e : newEvents) {
            String type = e.type().name().toLowerCase(Locale.ROOT).replace('_', ' ');
            LOG.infof("%s  %-8s %-20s %-19s %s%s", TIME.format(e.at()), rollout.target(),
                    e.instanceId().isEmpty() ? rollout.id() : e.instanceId(), type, e.message(),
                    RolloutEvent.ENGINE.equals(e.actor()) ? "" : " [by " + e.actor() + "]");
        }
        if (rollout.state().isFinal() && newEvents.stream().anyMatch(e -> e.type() == RolloutEvent.Type.SUCCEEDED
                || e.type() == RolloutEvent.Type.FAILED || e.type() == RolloutEvent.Type.ABORTED)) {
            LOG.info(summary(rollout));
        }
    }

    @Override
    public void targetsBehind(List<Behind> behind) {
        for (Behind b : behind) {
            LOG.infof("target %s is behind: %s -> %s%s", b.target().name(), b.current(), b.latest(),
                    b.pendingRolloutId().isEmpty() ? " (policy notify: start it with POST /api/rollouts)"
                            : " (rollout " + b.pendingRolloutId() + " waits for approval)");
        }
    }

    static String summary(Rollout r) {
        Duration took = Duration.between(r.createdAt(), r.finishedAt() == null ? r.updatedAt() : r.finishedAt());
        StringBuilder sb = new StringBuilder("\n");
        sb.append("==================== rollout ").append(r.id()).append(' ').append(r.state())
                .append(" ====================\n");
        sb.append("  target     ").append(r.target()).append(" (cluster ").append(r.cluster()).append(", group ")
                .append(r.autoScalingGroup()).append(")\n");
        sb.append("  AMI        ").append(r.fromAmi()).append("\n          -> ").append(r.toAmi()).append('\n');
        sb.append("  trigger    ").append(r.trigger().describe()).append('\n');
        sb.append("  replaced   ").append(r.replacedCount()).append(" instance(s) in ").append(DurationText.of(took))
                .append('\n');
        RolloutSummary.slowestDrain(r.steps()).ifPresent(d -> sb.append("  slowest    drain of ")
                .append(d.instanceId()).append(": ").append(DurationText.of(d.took())).append('\n'));
        for (InstanceStep s : r.steps()) {
            sb.append("    ").append(s.instanceId()).append("  ").append(s.availabilityZone()).append("  ")
                    .append(s.phase()).append(s.forced() ? "  FORCED" : "").append("  ")
                    .append(DurationText.of(Duration.between(s.startedAt(), s.phaseSince()))).append('\n');
        }
        if (!r.reason().isEmpty()) {
            sb.append("  reason     ").append(r.reason()).append('\n');
        }
        sb.append("=".repeat(60));
        return sb.toString();
    }
}
