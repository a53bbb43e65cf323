package dev.ecsami.operator.slack;

import dev.ecsami.operator.core.model.AmiRef;
import dev.ecsami.operator.core.model.RolloutState;
import dev.ecsami.operator.core.model.StepPhase;
import dev.ecsami.operator.core.model.Trigger;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The words messages use for the core's states, phases, triggers and AMIs. Output is escaped mrkdwn. */
final class Wording {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Wording() {
    }

    static String emoji(RolloutState state) {
        return switch (state) {
            case PLANNED -> ":hourglass_flowing_sand:";
            case RUNNING -> ":arrows_counterclockwise:";
            case PAUSED -> ":double_vertical_bar:";
            case SUCCEEDED -> ":white_check_mark:";
            case FAILED -> ":x:";
            case ABORTED -> ":no_entry_sign:";
        };
    }

    static String state(RolloutState state) {
        return switch (state) {
            case PLANNED -> "waiting for approval";
            case RUNNING -> "in progress";
            case PAUSED -> "paused";
            case SUCCEEDED -> "succeeded";
            case FAILED -> "failed";
            case ABORTED -> "aborted";
        };
    }

    static String phase(StepPhase phase) {
        return switch (phase) {
            case LAUNCH_REPLACEMENT -> "launching its replacement";
            case DRAIN -> "draining";
            case WAIT_STEADY -> "waiting for services to be steady";
            case TERMINATE -> "terminating";
            case AWAIT_REPLACEMENT -> "waiting for its replacement";
            case BAKE -> "baking";
            case DONE -> "replaced";
            case SKIPPED -> "skipped";
        };
    }

    /** "SNS announcement: release 2024.06.1" or "HTTP request by alice". */
    static String trigger(Trigger t) {
        String who = t.source().isEmpty() ? "" : " " + Blocks.escape(t.source());
        String base = switch (t.kind()) {
            case SNS -> "SNS announcement" + (t.source().isEmpty() ? "" : " (message" + who + ")");
            case SQS -> "SQS message" + (t.source().isEmpty() ? "" : " (" + Blocks.escape(t.source()) + ")");
            case HTTP -> "HTTP request" + (t.source().isEmpty() ? "" : " by" + who);
            case SSM_CHECK -> "scheduled check" + (t.source().isEmpty() ? "" : " of" + who);
            case STARTUP_CHECK -> "check at operator startup";
        };
        return t.detail().isEmpty() ? base : base + ": " + Blocks.escape(t.detail());
    }

    /** "`ami-0abc` al2023-ami-ecs-hvm-..." */
    static String ami(AmiRef ami) {
        return Blocks.code(ami.imageId()) + (ami.name().isEmpty() ? "" : " " + Blocks.escape(ami.name()));
    }

    static String time(Instant at) {
        return TIME.format(at);
    }

    static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
