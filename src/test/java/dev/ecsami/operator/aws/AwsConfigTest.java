package dev.ecsami.operator.aws;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AwsConfigTest {

    private static AwsConfig load(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(AwsConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build();
        return config.getConfigMapping(AwsConfig.class);
    }

    @Test
    void everySettingHasADefaultAndRegionAndEndpointAreLeftToTheSdk() {
        AwsConfig config = load(Map.of());

        assertThat(config.region()).isEmpty();
        assertThat(config.endpoint()).isEmpty();
        assertThat(config.maxAttempts()).isEqualTo(5);
        assertThat(config.retryMode()).isEqualTo(AwsConfig.RetryMode.STANDARD);
        assertThat(config.retryBaseDelay()).isEqualTo(Duration.ofMillis(100));
        assertThat(config.throttlingBaseDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.maxBackoff()).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.apiCallTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.apiCallAttemptTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(config.launchConfigurationsToKeep()).isEqualTo(2);
    }

    @Test
    void settingsAreReadFromOperatorAwsKeys() {
        AwsConfig config = load(Map.of(
                "operator.aws.region", "eu-west-1",
                "operator.aws.endpoint", "http://localhost:4566",
                "operator.aws.max-attempts", "8",
                "operator.aws.retry-mode", "adaptive",
                "operator.aws.api-call-timeout", "2M",
                "operator.aws.api-call-attempt-timeout", "20s",
                "operator.aws.launch-configurations-to-keep", "4"));

        assertThat(config.region()).contains("eu-west-1");
        assertThat(config.endpoint()).contains(URI.create("http://localhost:4566"));
        assertThat(config.maxAttempts()).isEqualTo(8);
        assertThat(config.retryMode()).isEqualTo(AwsConfig.RetryMode.ADAPTIVE);
        assertThat(config.apiCallTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.apiCallAttemptTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.launchConfigurationsToKeep()).isEqualTo(4);
    }
}
