package dev.ecsami.operator.ingest.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads untrusted JSON that the operator acts on (SNS envelopes, AMI announcements). Duplicate keys
 * and content after the document are refused, so what is checked is exactly what is used; unknown
 * fields are the reader's to ignore. Every problem names where in the document it is.
 */
public final class StrictJson {
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private StrictJson() {
    }

    /**
     * Reads {@code json}, which must be an object (called {@code root} in a problem), with {@code read}.
     * A {@link ShapeError} that {@code read} throws becomes {@link Parsed.Invalid}.
     */
    public static <T> Parsed<T> parse(String json, String root, Function<JsonNode, T> read) {
        return parse(() -> STRICT.readTree(json), root, read);
    }

    /** As {@link #parse(String, String, Function)}, for a body of bytes. */
    public static <T> Parsed<T> parse(byte[] json, String root, Function<JsonNode, T> read) {
        return parse(() -> STRICT.readTree(json), root, read);
    }

    private interface Tree {
        JsonNode read() throws IOException;
    }

    private static <T> Parsed<T> parse(Tree tree, String root, Function<JsonNode, T> read) {
        JsonNode node;
        try {
            node = tree.read();
        } catch (JsonProcessingException e) {
            return new Parsed.Invalid<>(root, "not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            return new Parsed.Invalid<>(root, "unreadable (" + e.getMessage() + ")");
        }
        try {
            return new Parsed.Ok<>(read.apply(object(node, root)));
        } catch (ShapeError error) {
            return new Parsed.Invalid<>(error.where, error.getMessage());
        }
    }

    /**
     * @return {@code node}
     * @throws ShapeError at {@code where} unless it is a JSON object
     */
    public static JsonNode object(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw new ShapeError(where, "expected a JSON object");
        }
        return node;
    }

    /**
     * The string member {@code field} of {@code parent}; empty when it is missing or JSON null.
     *
     * @throws ShapeError at {@code where} when it is another type
     */
    public static Optional<String> text(JsonNode parent, String field, String where) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw new ShapeError(where, "expected a string but was " + node.getNodeType());
        }
        return Optional.of(node.textValue());
    }

    /** What a reader found wrong, and where: control flow inside {@link #parse}, never escapes it. */
    public static final class ShapeError extends RuntimeException {
        private final String where;

        public ShapeError(String where, String problem) {
            super(problem, null, false, false);
            this.where = where;
        }
    }
}
