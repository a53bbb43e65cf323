package dev.ecsami.operator.slack;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Slack's documented Block Kit limits, checked on a whole payload. */
final class SlackLimits {
    private SlackLimits() {
    }

    static void assertWithin(SlackMessage message) {
        JsonNode payload = message.payload();
        JsonNode blocks = payload.path("blocks");
        assertThat(blocks.size()).as("blocks").isBetween(1, 50);
        assertThat(payload.path("text").asText()).as("fallback text").isNotBlank().hasSizeLessThanOrEqualTo(3000);
        for (JsonNode b : blocks) {
            switch (b.path("type").asText()) {
                case "header" -> assertThat(b.at("/text/text").asText()).as("header").hasSizeLessThanOrEqualTo(150);
                case "section" -> {
                    if (b.has("text")) {
                        assertThat(b.at("/text/text").asText()).as("section").hasSizeLessThanOrEqualTo(3000);
                    }
                    assertThat(b.path("fields").size()).as("fields").isLessThanOrEqualTo(10);
                    b.path("fields").forEach(f -> assertThat(f.path("text").asText()).as("field")
                            .hasSizeLessThanOrEqualTo(2000));
                    assertThat(b.has("text") || b.has("fields")).as("section has content").isTrue();
                }
                case "context" -> assertThat(b.path("elements").size()).as("context elements").isBetween(1, 10);
                case "divider" -> { }
                default -> throw new AssertionError("unexpected block type " + b);
            }
        }
    }
}
