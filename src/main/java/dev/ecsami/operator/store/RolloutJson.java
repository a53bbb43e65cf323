package dev.ecsami.operator.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.ecsami.operator.core.drain.DrainRecord;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutEvent;

import java.io.UncheckedIOException;
import java.util.List;

/**
 * How the stores write rollouts: Jackson over the model records, unknown fields ignored, so a field
 * added to the model needs no change here and an older operator still reads a newer file or item.
 * Built on the application's managed {@link ObjectMapper}, with the stored format pinned on a copy of
 * it: ISO-8601 instants, durations as seconds, so the API's JSON settings never change what is stored.
 */
public final class RolloutJson {
    private static final TypeReference<List<RolloutEvent>> EVENTS = new TypeReference<>() {
    };
    private final ObjectMapper mapper;

    public RolloutJson(ObjectMapper managed) {
        this.mapper = managed.copy().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** The mapper of the stored format, for the stores that read files or trees. */
    public ObjectMapper mapper() {
        return mapper;
    }

    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public Rollout rollout(String json) {
        return read(json, Rollout.class);
    }

    public DrainRecord drain(String json) {
        return read(json, DrainRecord.class);
    }

    public RolloutEvent event(String json) {
        return read(json, RolloutEvent.class);
    }

    public List<RolloutEvent> events(String json) {
        try {
            return mapper.readValue(json, EVENTS);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("stored events are not readable JSON", e);
        }
    }

    private <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("stored " + type.getSimpleName() + " is not readable JSON", e);
        }
    }
}
