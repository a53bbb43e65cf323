package dev.ecsami.operator.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsami.operator.slack.Delivery;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Shows in the log what Slack would show, as readable text (the demo, local runs). With a demo file,
 * also appends each message's JSON payload, one per line, ready to paste into Slack's Block Kit Builder.
 */
final class LogSlackRenderer extends SlackClient {
    private static final Logger LOG = Logger.getLogger(LogSlackRenderer.class);

    private final Optional<Path> demoFile;

    LogSlackRenderer(Optional<Path> demoFile) {
        this.demoFile = demoFile;
    }

    @Override
    Outcome deliver(Delivery d) {
        String where = d.kind() == Delivery.Kind.REPLY ? "in the thread of rollout " + d.rolloutId() : "in the channel";
        LOG.infof("Slack would show %s:%n%s", where, plain(d.message()));
        demoFile.ifPresent(file -> append(file, d));
        return Outcome.Sent.webhook();
    }

    @Override
    String mode() {
        return "log";
    }

    private static void append(Path file, Delivery d) {
        ObjectNode line = JsonNodeFactory.instance.objectNode().put("kind", d.kind().name().toLowerCase())
                .put("rollout", d.rolloutId());
        line.set("payload", d.message().payload());
        try {
            Files.writeString(file, line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.warnf("Could not append to the Slack demo file %s: %s", file, Redaction.failure(e));
        }
    }

    private static final Pattern EMOJI = Pattern.compile(":[a-z][a-z0-9_+-]*: ?");
    private static final Pattern BOLD = Pattern.compile("\\*([^*\\n]+)\\*");

    /** A Slack message as a person would read it: markup and emoji codes removed. */
    static String plain(SlackMessage message) {
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
