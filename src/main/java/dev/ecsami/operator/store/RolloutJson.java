package dev.ecsami.operator.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutEvent;

import java.io.UncheckedIOException;
import java.util.List;

/**
 * How the stores write rollouts: Jackson over the model records, unknown fields ignored, so a field
 * added to the model needs no change here and an older operator still reads a newer file or item.
 */
public final class RolloutJson {
    public static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final TypeReference<List<RolloutEvent>> EVENTS = new TypeReference<>() {
    };

    private RolloutJson() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public static Rollout rollout(String json) {
        return read(json, Rollout.class);
    }

    public static dev.ecsami.operator.core.drain.DrainRecord drain(String json) {
        return read(json, dev.ecsami.operator.core.drain.DrainRecord.class);
    }

    public static RolloutEvent event(String json) {
        return read(json, RolloutEvent.class);
    }

    public static List<RolloutEvent> events(String json) {
        try {
            return MAPPER.readValue(json, EVENTS);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("stored events are not readable JSON", e);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("stored " + type.getSimpleName() + " is not readable JSON", e);
        }
    }
}
