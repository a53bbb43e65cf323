package dev.ecsami.operator.ingest.ami;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Parses the {@code Message} of an ECS-optimized AMI update notification. Unknown fields are
 * ignored. What the operator acts on (release version, OS type, region names, image ids) is
 * required and checked; descriptive fields are optional.
 */
public final class AmiAnnouncementParser {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(?:-[a-z]+){1,2}-[0-9]{1,2}");
    private static final Pattern IMAGE_ID = Pattern.compile("ami-[0-9a-f]{8}(?:[0-9a-f]{9})?");
    private static final int QUOTE_LIMIT = 64;

    private AmiAnnouncementParser() {
    }

    public sealed interface Result {
        record Parsed(AmiAnnouncement announcement) implements Result {
        }

        /** @param path where in the payload, e.g. {@code ECSAmis[0].Regions.us-east-1.ImageId} */
        record Invalid(String path, String problem) implements Result {
            public String message() {
                return path + ": " + problem;
            }
        }
    }

    public static Result parse(String message) {
        Objects.requireNonNull(message, "message");
        JsonNode root;
        try {
            root = JSON.readTree(message);
        } catch (JsonProcessingException e) {
            return new Result.Invalid("Message", "not valid JSON (" + e.getOriginalMessage() + ")");
        }
        try {
            return new Result.Parsed(announcement(object(root, "Message")));
        } catch (ShapeProblem problem) {
            return new Result.Invalid(problem.path, problem.getMessage());
        }
    }

    private static AmiAnnouncement announcement(JsonNode root) {
        Optional<String> agentRelease = Optional.empty();
        JsonNode agent = root.get("ECSAgent");
        if (agent != null && !agent.isNull()) {
            agentRelease = optionalText(object(agent, "ECSAgent"), "ECSAgent", "ReleaseVersion");
        }
        JsonNode amis = root.get("ECSAmis");
        if (amis == null || !amis.isArray() || amis.isEmpty()) {
            throw new ShapeProblem("ECSAmis", "expected a non-empty array of AMI releases");
        }
        List<AmiAnnouncement.Release> releases = new ArrayList<>();
        for (int i = 0; i < amis.size(); i++) {
            String path = "ECSAmis[" + i + "]";
            releases.add(release(object(amis.get(i), path), path));
        }
        return new AmiAnnouncement(agentRelease, releases);
    }

    private static AmiAnnouncement.Release release(JsonNode node, String path) {
        JsonNode regions = node.get("Regions");
        if (regions == null || !regions.isObject()) {
            throw new ShapeProblem(path + ".Regions", "expected an object keyed by region");
        }
        Map<String, AmiAnnouncement.Image> images = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : regions.properties()) {
            String regionPath = path + ".Regions." + quote(entry.getKey());
            if (!REGION.matcher(entry.getKey()).matches()) {
                throw new ShapeProblem(regionPath, "expected a region name like us-east-1");
            }
            images.put(entry.getKey(), image(object(entry.getValue(), regionPath), regionPath));
        }
        return new AmiAnnouncement.Release(
                requiredText(node, path, "ReleaseVersion"),
                optionalText(node, path, "AgentVersion"),
                requiredText(node, path, "OsType"),
                optionalText(node, path, "OperatingSystemName"),
                images);
    }

    private static AmiAnnouncement.Image image(JsonNode node, String path) {
        String imageId = requiredText(node, path, "ImageId");
        if (!IMAGE_ID.matcher(imageId).matches()) {
            throw new ShapeProblem(path + ".ImageId", "expected an AMI id like ami-0123456789abcdef0 but was "
                    + quote(imageId));
        }
        return new AmiAnnouncement.Image(imageId, optionalText(node, path, "Name"));
    }

    private static JsonNode object(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new ShapeProblem(path, "expected a JSON object");
        }
        return node;
    }

    private static String requiredText(JsonNode parent, String path, String field) {
        return optionalText(parent, path, field)
                .filter(text -> !text.isBlank())
                .orElseThrow(() -> new ShapeProblem(path + "." + field, "required non-empty string is missing"));
    }

    private static Optional<String> optionalText(JsonNode parent, String path, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw new ShapeProblem(path + "." + field, "expected a string but was " + node.getNodeType());
        }
        return Optional.of(node.textValue());
    }

    private static String quote(String value) {
        return value.length() <= QUOTE_LIMIT ? value : value.substring(0, QUOTE_LIMIT) + "...";
    }

    /** Internal control flow only; never escapes {@link #parse(String)}. */
    private static final class ShapeProblem extends RuntimeException {
        private final String path;

        ShapeProblem(String path, String problem) {
            super(problem, null, false, false);
            this.path = path;
        }
    }
}
