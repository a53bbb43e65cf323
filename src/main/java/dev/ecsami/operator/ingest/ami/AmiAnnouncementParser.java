package dev.ecsami.operator.ingest.ami;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecsami.operator.ingest.json.Parsed;
import dev.ecsami.operator.ingest.json.StrictJson;
import dev.ecsami.operator.ingest.json.StrictJson.ShapeError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static dev.ecsami.operator.ingest.json.StrictJson.object;

/**
 * Parses the {@code Message} of an ECS-optimized AMI update notification. Unknown fields are
 * ignored. What the operator acts on (release version, OS type, region names, image ids) is
 * required and checked; descriptive fields are optional.
 */
public final class AmiAnnouncementParser {

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(?:-[a-z]+){1,2}-[0-9]{1,2}");
    private static final Pattern IMAGE_ID = Pattern.compile("ami-[0-9a-f]{8}(?:[0-9a-f]{9})?");
    private static final int QUOTE_LIMIT = 64;

    private AmiAnnouncementParser() {
    }

    /** The announcement, or the path that was wrong ({@code Message} for the whole) and what was expected. */
    public static Parsed<AmiAnnouncement> parse(String message) {
        Objects.requireNonNull(message, "message");
        return StrictJson.parse(message, "Message", AmiAnnouncementParser::announcement);
    }

    private static AmiAnnouncement announcement(JsonNode root) {
        Optional<String> agentRelease = Optional.empty();
        JsonNode agent = root.get("ECSAgent");
        if (agent != null && !agent.isNull()) {
            agentRelease = optionalText(object(agent, "ECSAgent"), "ECSAgent", "ReleaseVersion");
        }
        JsonNode amis = root.get("ECSAmis");
        if (amis == null || !amis.isArray() || amis.isEmpty()) {
            throw new ShapeError("ECSAmis", "expected a non-empty array of AMI releases");
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
            throw new ShapeError(path + ".Regions", "expected an object keyed by region");
        }
        Map<String, AmiAnnouncement.Image> images = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : regions.properties()) {
            String regionPath = path + ".Regions." + quote(entry.getKey());
            if (!REGION.matcher(entry.getKey()).matches()) {
                throw new ShapeError(regionPath, "expected a region name like us-east-1");
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
            throw new ShapeError(path + ".ImageId", "expected an AMI id like ami-0123456789abcdef0 but was "
                    + quote(imageId));
        }
        return new AmiAnnouncement.Image(imageId, optionalText(node, path, "Name"));
    }

    private static String requiredText(JsonNode parent, String path, String field) {
        return optionalText(parent, path, field)
                .filter(text -> !text.isBlank())
                .orElseThrow(() -> new ShapeError(path + "." + field, "required non-empty string is missing"));
    }

    private static Optional<String> optionalText(JsonNode parent, String path, String field) {
        return StrictJson.text(parent, field, path + "." + field);
    }

    private static String quote(String value) {
        return value.length() <= QUOTE_LIMIT ? value : value.substring(0, QUOTE_LIMIT) + "...";
    }
}
