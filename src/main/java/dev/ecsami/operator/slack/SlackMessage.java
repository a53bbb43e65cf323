package dev.ecsami.operator.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * One Slack message: Block Kit blocks and the plain-text fallback Slack shows in notifications.
 * Immutable; {@link #payload()} gives a fresh JSON object each time.
 */
public record SlackMessage(String text, List<JsonNode> blocks) {
    public SlackMessage {
        text = Blocks.limit(text, Blocks.MAX_FALLBACK_TEXT);
        blocks = blocks.stream().map(JsonNode::deepCopy).map(JsonNode.class::cast).toList();
    }

    /** {@code {"text": ..., "blocks": [...]}}: the body of a webhook post, and the core of a chat.* call. */
    public ObjectNode payload() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("text", text);
        ArrayNode array = o.putArray("blocks");
        blocks.forEach(b -> array.add(b.deepCopy()));
        return o;
    }
}
