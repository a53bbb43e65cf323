package dev.ecsami.operator.ingest.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SnsTimestampTest {

    @ParameterizedTest
    @ValueSource(strings = {"2012-04-26T20:45:04.751Z", "2024-02-29T00:00:00.000Z", "1999-12-31T23:59:59.999Z",
        "2016-12-31T23:59:60.000Z", "2012-04-26T20:45:04Z", "2012-04-26T20:45:04.751123Z", "+12012-04-26T20:45:04.751Z"})
    void readsWhatInstantParseReads(String timestamp) {
        assertThat(SnsTimestamp.parse(timestamp)).isEqualTo(Instant.parse(timestamp));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-02-29T00:00:00.000Z", "2012-13-26T20:45:04.751Z", "2012-04-26T24:45:04.751Z",
        "2012-04-26 20:45:04.751Z", "2012-04-26T20:45:04.751+", "2012-04-2xT20:45:04.751Z", "", "yesterday"})
    void refusesWhatInstantParseRefuses(String timestamp) {
        assertThatThrownBy(() -> Instant.parse(timestamp)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> SnsTimestamp.parse(timestamp)).isInstanceOf(DateTimeParseException.class);
    }
}
