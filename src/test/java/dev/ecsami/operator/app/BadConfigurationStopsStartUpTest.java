package dev.ecsami.operator.app;

import dev.ecsami.operator.SimulatedTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application as a user starts it, with settings that cannot work: start-up stops, before the
 * HTTP port or the tick loop serve anything, with one line per problem naming its key.
 */
@QuarkusMainTest
@TestProfile(BadConfigurationStopsStartUpTest.Bad.class)
class BadConfigurationStopsStartUpTest {

    public static class Bad extends SimulatedTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> c = super.getConfigOverrides();
            c.put("operator.api.tokens.view.secret", "view-secret-123");
            c.put("operator.scheduler.retry-max-attempts", "0");
            c.put("operator.dashboard.page-size", "0");
            return c;
        }
    }

    @Test
    @Launch(value = {}, exitCode = 1)
    void aShortTokenSecretAndOtherBadSettingsStopStartUpNamingEachKey(LaunchResult result) {
        String output = result.getOutput() + result.getErrorOutput();

        assertThat(output).contains("Invalid configuration:")
                .contains("  - operator.api.tokens.view.secret must be at least 16 characters long (value hidden)")
                .contains("  - operator.scheduler.retry-max-attempts must be 1 or more, was 0")
                .contains("  - operator.dashboard.page-size must be 1 to 500, was 0")
                .doesNotContain("view-secret-123");
    }
}
