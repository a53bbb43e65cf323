package dev.ecsami.operator.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * For plain-JUnit tests that build stores and notifiers without CDI: a mapper made as Quarkus makes
 * its managed one (the Jackson modules on the class path, the application's {@code quarkus.jackson}
 * settings), and the stores' JSON on top of it.
 */
public final class TestJson {
    public static final ObjectMapper MAPPER = JsonMapper.builder().findAndAddModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .build();
    public static final RolloutJson STORE = new RolloutJson(MAPPER);

    private TestJson() {
    }
}
