package dev.ecsami.operator.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Block Kit blocks that always fit Slack's limits: text is cut, lists are summarised
 * ("and 37 more"), a message never has more than 50 blocks.
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
}
