package dev.ecsami.operator.slack;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.regex.Pattern;

/** A Slack message as a person would read it, for the log: markup and emoji codes removed. */
final class PlainText {
    private static final Pattern EMOJI = Pattern.compile(":[a-z][a-z0-9_+-]*: ?");
    private static final Pattern BOLD = Pattern.compile("\\*([^*\\n]+)\\*");

    private PlainText() {
    }

    static String of(SlackMessage message) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode block : message.blocks()) {
            switch (block.path("type").asText()) {
                case "header" -> sb.append("== ").append(EMOJI.matcher(block.path("text").path("text").asText())
                        .replaceAll("")).append(" ==\n");
                case "section" -> {
                    if (block.has("text")) {
                        sb.append(mrkdwn(block.path("text").path("text").asText())).append('\n');
                    }
                    block.path("fields").forEach(f -> sb.append(mrkdwn(f.path("text").asText())
                            .replaceFirst("\n", ": ")).append('\n'));
                }
                case "context" -> block.path("elements").forEach(e -> sb.append("  (")
                        .append(mrkdwn(e.path("text").asText())).append(")\n"));
                case "divider" -> sb.append("----\n");
                default -> sb.append(block.toString()).append('\n');
            }
        }
        return sb.toString().stripTrailing();
    }

    private static String mrkdwn(String text) {
        StringBuilder out = new StringBuilder();
        boolean code = false;
        for (String line : text.split("\n", -1)) {
            boolean fence = line.contains("```");
            String plain = line.replace("```", "");
            if (code || fence) {
                plain = "    " + plain;
            } else {
                plain = BOLD.matcher(EMOJI.matcher(plain).replaceAll("")).replaceAll("$1");
            }
            if (!(fence && plain.isBlank())) {
                out.append(plain).append('\n');
            }
            if (fence && line.indexOf("```") == line.lastIndexOf("```")) {
                code = !code;
            }
        }
        return unescape(out.toString().stripTrailing());
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
