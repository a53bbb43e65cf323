package dev.ecsami.operator.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsami.operator.core.drain.DrainRecord;
import dev.ecsami.operator.core.model.AmiRef;
import dev.ecsami.operator.core.model.RolloutState;
import dev.ecsami.operator.core.model.StepPhase;
import dev.ecsami.operator.core.model.Trigger;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Block Kit blocks that always fit Slack's limits: text is cut, lists are summarised
 * ("and 37 more"), a message never has more than 50 blocks; and the words messages use for the
 * core's states, phases, triggers and AMIs (escaped mrkdwn).
 */
final class Blocks {
    static final int MAX_BLOCKS = 50;
    static final int MAX_SECTION_TEXT = 3000;
    static final int MAX_HEADER_TEXT = 150;
    static final int MAX_FIELDS = 10;
    static final int MAX_FIELD_TEXT = 2000;
    static final int MAX_CONTEXT_ELEMENTS = 10;
    static final int MAX_FALLBACK_TEXT = 3000;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Blocks() {
    }

    static JsonNode header(String plainText) {
        ObjectNode b = JSON.objectNode().put("type", "header");
        b.putObject("text").put("type", "plain_text").put("text", limit(plainText, MAX_HEADER_TEXT)).put("emoji", true);
        return b;
    }

    static JsonNode section(String mrkdwn) {
        ObjectNode b = JSON.objectNode().put("type", "section");
        b.set("text", mrkdwn(limit(mrkdwn, MAX_SECTION_TEXT)));
        return b;
    }

    /** A two-column section; Slack shows at most ten fields. */
    static JsonNode fields(List<String> mrkdwn) {
        ObjectNode b = JSON.objectNode().put("type", "section");
        ArrayNode fields = b.putArray("fields");
        mrkdwn.stream().limit(MAX_FIELDS).forEach(f -> fields.add(mrkdwn(limit(f, MAX_FIELD_TEXT))));
        return b;
    }

    static JsonNode context(String mrkdwn) {
        ObjectNode b = JSON.objectNode().put("type", "context");
        b.putArray("elements").add(mrkdwn(limit(mrkdwn, MAX_SECTION_TEXT)));
        return b;
    }

    static JsonNode divider() {
        return JSON.objectNode().put("type", "divider");
    }

    /** At most 50 blocks: when there are more, the last kept one says how many were left out. */
    static List<JsonNode> capped(List<JsonNode> blocks) {
        if (blocks.size() <= MAX_BLOCKS) {
            return blocks;
        }
        List<JsonNode> kept = new ArrayList<>(blocks.subList(0, MAX_BLOCKS - 1));
        kept.add(context("and " + (blocks.size() - kept.size()) + " more not shown"));
        return kept;
    }

    /** "`a`, `b`, `c` and 37 more": at most {@code max} items named. */
    static String list(List<String> items, int max) {
        List<String> shown = items.stream().limit(max).map(Blocks::code).toList();
        String joined = String.join(", ", shown);
        return items.size() > max ? joined + " and " + (items.size() - max) + " more" : joined;
    }

    /** Inline code, escaped. */
    static String code(String s) {
        return "`" + escape(s).replace("`", "'") + "`";
    }

    /** Slack's three control characters; all text from the rollout goes through here. */
    static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Cuts text to {@code max} characters, marking the cut, without splitting a surrogate pair. */
    static String limit(String s, int max) {
        if (s == null) {
            return "";
        }
        if (s.length() <= max) {
            return s;
        }
        int cut = max - 1;
        if (Character.isHighSurrogate(s.charAt(cut - 1))) {
            cut--;
        }
        return s.substring(0, cut) + "…";
    }

    private static ObjectNode mrkdwn(String text) {
        return JSON.objectNode().put("type", "mrkdwn").put("text", text);
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

    static String state(DrainRecord.State state) {
        return switch (state) {
            case DRAINING -> "draining";
            case COMPLETED -> "completed";
            case TIMED_OUT -> "timed out";
            case RELEASED -> "released at once";
            case STEPPED_ASIDE -> "left to ECS managed draining";
            case LOST -> "lost before the drain ended";
        };
    }

    static String reason(DrainRecord.Reason reason) {
        return switch (reason) {
            case SCALE_IN -> "scale-in";
            case SPOT_INTERRUPTION -> "Spot interruption";
            case REBALANCE_RECOMMENDATION -> "rebalance recommendation";
        };
    }

    /** "SNS announcement: release 2024.06.1" or "HTTP request by alice". */
    static String trigger(Trigger t) {
        String who = t.source().isEmpty() ? "" : " " + escape(t.source());
        String base = switch (t.kind()) {
            case SNS -> "SNS announcement" + (t.source().isEmpty() ? "" : " (message" + who + ")");
            case SQS -> "SQS message" + (t.source().isEmpty() ? "" : " (" + escape(t.source()) + ")");
            case HTTP -> "HTTP request" + (t.source().isEmpty() ? "" : " by" + who);
            case SSM_CHECK -> "scheduled check" + (t.source().isEmpty() ? "" : " of" + who);
            case STARTUP_CHECK -> "check at operator startup";
        };
        return t.detail().isEmpty() ? base : base + ": " + escape(t.detail());
    }

    /** "`ami-0abc` al2023-ami-ecs-hvm-..." */
    static String ami(AmiRef ami) {
        return code(ami.imageId()) + (ami.name().isEmpty() ? "" : " " + escape(ami.name()));
    }

    static String time(Instant at) {
        return TIME.format(at);
    }

    static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
