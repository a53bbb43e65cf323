package dev.ecsami.operator.app;

import dev.ecsami.operator.api.ApiConfig;
import dev.ecsami.operator.aws.AwsConfig;
import dev.ecsami.operator.config.OperatorConfig;
import dev.ecsami.operator.ingest.SnsConfig;
import dev.ecsami.operator.ingest.SqsConfig;
import dev.ecsami.operator.slack.SlackConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every rule start-up checks, each against the settings as SmallRye reads them. */
class ConfigurationCheckTest {

    private static Map<String, String> valid() {
        Map<String, String> p = new HashMap<>();
        p.put("operator.targets.prod.cluster", "prod");
        p.put("operator.targets.prod.auto-scaling-group", "prod-asg");
        p.put("operator.targets.prod.ami", "amazon-linux-2023");
        p.put("operator.api.tokens.ops.secret", "operator-secret-0123456789");
        p.put("operator.api.tokens.ops.role", "operator");
        return p;
    }

    private static List<String> problems(Map<String, String> props) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(OperatorConfig.class).withMapping(ApiConfig.class).withMapping(AwsConfig.class)
                .withMapping(SnsConfig.class).withMapping(SqsConfig.class).withMapping(SlackConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(props, "test", 500))
                .build();
        return ConfigurationCheck.problems(config.getConfigMapping(OperatorConfig.class),
                config.getConfigMapping(ApiConfig.class), config.getConfigMapping(AwsConfig.class),
                config.getConfigMapping(SnsConfig.class), config.getConfigMapping(SqsConfig.class),
                config.getConfigMapping(SlackConfig.class));
    }

    private static List<String> problemsWith(String key, String value) {
        Map<String, String> p = valid();
        p.put(key, value);
        return problems(p);
    }

    @Test
    void theDefaultsWithOneTargetAndOneTokenPass() {
        assertThat(problems(valid())).isEmpty();
    }

    @Test
    void aShortTokenSecretIsReportedWithoutItsValue() {
        List<String> problems = problemsWith("operator.api.tokens.view.secret", "view-secret-123");

        assertThat(problems).containsExactly("operator.api.tokens.view.secret must be at least 16 characters long "
                + "(value hidden)");
        assertThat(String.join("\n", problems)).doesNotContain("view-secret-123");
    }

    @Test
    void everyProblemIsItsOwnLineNamingItsKey() {
        Map<String, String> p = valid();
        p.put("operator.api.tokens.view.secret", "short");
        p.put("operator.scheduler.tick-interval", "0s");
        p.put("operator.targets.prod.max-in-flight", "0");
        p.put("operator.slack.channel", "C0123456789");

        assertThat(problems(p)).hasSize(4).allSatisfy(line -> assertThat(line).startsWith("operator.")
                .doesNotContain("\n"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "operator.targets.prod.max-in-flight|0|operator.targets.prod.max-in-flight must be 1 or more, was 0",
        "operator.targets.prod.surge-ahead|-1|operator.targets.prod.surge-ahead must be auto or a whole number 0 or more, was -1",
        "operator.targets.prod.surge-ahead|lots|operator.targets.prod.surge-ahead must be auto or a whole number 0 or more, was 'lots'",
        "operator.targets.prod.drain-timeout|0s|operator.targets.prod.drain-timeout must be a positive duration",
        "operator.targets.prod.registration-timeout|-1s|operator.targets.prod.registration-timeout must be a positive",
        "operator.targets.prod.steady-timeout|0s|operator.targets.prod.steady-timeout must be a positive",
        "operator.targets.prod.poll-interval|0s|operator.targets.prod.poll-interval must be a positive",
        "operator.targets.prod.bake-time|-5s|operator.targets.prod.bake-time must be zero or positive",
        "operator.targets.prod.ami|ubuntu-22|operator.targets.prod.ami 'ubuntu-22' is not a known AMI family",
        "operator.targets.prod.suspend-processes|Launch|operator.targets.prod.suspend-processes names Launch",
        "operator.targets.prod.cluster|' '|operator.targets.prod.cluster must not be empty",
        "operator.store.keep-finished|0|operator.store.keep-finished must be 1 or more, was 0",
        "operator.leader.renew-interval|10s|operator.leader.renew-interval (PT10S) must be positive and under half",
        "operator.leader.lease-duration|0s|operator.leader.lease-duration must be a positive duration",
        "operator.leader.replica-id|two words|operator.leader.replica-id must be 1 to 128 printable characters",
        "operator.scheduler.tick-interval|0s|operator.scheduler.tick-interval must be a positive duration",
        "operator.scheduler.retry-base-delay|0s|operator.scheduler.retry-base-delay must be a positive duration",
        "operator.scheduler.retry-max-delay|1s|operator.scheduler.retry-max-delay (PT1S) must not be shorter than",
        "operator.scheduler.retry-max-attempts|0|operator.scheduler.retry-max-attempts must be 1 or more, was 0",
        "operator.ami-check.interval|0s|operator.ami-check.interval must be a positive duration",
        "operator.simulation.speed|0|operator.simulation.speed must be a positive number, was 0.0",
        "operator.simulation.instances|0|operator.simulation.instances must be 1 to 1000, was 0",
        "operator.dashboard.page-size|501|operator.dashboard.page-size must be 1 to 500, was 501",
        "operator.dashboard.refresh-interval|50ms|operator.dashboard.refresh-interval must be at least 100ms",
        "operator.lifecycle.heartbeat-interval|0s|operator.lifecycle.heartbeat-interval must be a positive",
        "operator.lifecycle.drain-timeout|0s|operator.lifecycle.drain-timeout must be a positive",
        "operator.lifecycle.enabled|true|operator.lifecycle.queue-urls is required with operator.lifecycle.enabled=true",
        "operator.lifecycle.queue-urls|not a url|operator.lifecycle.queue-urls must be an absolute http(s) URL",
        "operator.api.default-page-size|0|operator.api.default-page-size must be 1 to 500, was 0",
        "operator.aws.max-attempts|0|operator.aws.max-attempts must be 1 or more, was 0",
        "operator.aws.launch-configurations-to-keep|1|operator.aws.launch-configurations-to-keep must be at least 2",
        "operator.aws.api-call-timeout|0s|operator.aws.api-call-timeout must be a positive duration",
        "operator.aws.api-call-attempt-timeout|2m|operator.aws.api-call-attempt-timeout (PT2M) must not exceed",
        "operator.aws.retry-base-delay|-1s|operator.aws.retry-base-delay must be zero or positive",
        "operator.aws.throttling-base-delay|-1s|operator.aws.throttling-base-delay must be zero or positive",
        "operator.aws.max-backoff|-1s|operator.aws.max-backoff must be zero or positive",
        "operator.aws.region|Frankfurt|operator.aws.region 'Frankfurt' is not a region name like eu-west-1",
        "operator.aws.endpoint|localhost:4566|operator.aws.endpoint must be an absolute http(s) URL",
        "operator.sns.region|EU|operator.sns.region 'EU' is not a region name",
        "operator.sns.topic-arns|my-topic|operator.sns.topic-arns: 'my-topic' is not an SNS topic ARN",
        "operator.sns.timestamp-tolerance|0s|operator.sns.timestamp-tolerance must be a positive duration",
        "operator.sns.dedupe-retention|1h|operator.sns.dedupe-retention (PT1H) must be at least twice",
        "operator.sns.dedupe-max-entries|0|operator.sns.dedupe-max-entries must be 1 or more, was 0",
        "operator.sns.cert-cache-size|0|operator.sns.cert-cache-size must be 1 or more, was 0",
        "operator.sns.cert-cache-ttl|0s|operator.sns.cert-cache-ttl must be a positive duration",
        "operator.sns.endpoint-url|ftp://x|operator.sns.endpoint-url must be an absolute http(s) URL",
        "operator.sqs.queue-url|queue|operator.sqs.queue-url must be an absolute http(s) URL",
        "operator.sqs.region|x|operator.sqs.region 'x' is not a region name",
        "operator.sqs.wait-time|21s|operator.sqs.wait-time must be 0s to 20s, was PT21S",
        "operator.sqs.visibility-timeout|0s|operator.sqs.visibility-timeout must be 1s to 12h, was PT0S",
        "operator.sqs.max-receives|0|operator.sqs.max-receives must be 1 or more, was 0",
        "operator.slack.channel|C0123456789|operator.slack.channel is set but operator.slack.bot-token is not",
        "operator.slack.bot-token|not-a-token|operator.slack.bot-token does not look like a Slack token",
        "operator.slack.webhook-url|hooks.slack.com/x|operator.slack.webhook-url is not an absolute http(s) URL",
        "operator.slack.max-attempts|0|operator.slack.max-attempts must be at least 1, was 0",
        "operator.slack.queue-capacity|0|operator.slack.queue-capacity must be at least 1, was 0",
        "operator.slack.retry-backoff|0s|operator.slack.retry-backoff must be a positive duration",
    })
    void aBadValueIsReportedNamingItsKey(String key, String value, String expected) {
        List<String> problems = problemsWith(key, value);

        assertThat(problems).anySatisfy(line -> assertThat(line).startsWith(expected));
        assertThat(problems).as("at most the setting and the one it must fit with").hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void twoTargetsOnOneGroupAreReported() {
        Map<String, String> p = valid();
        p.put("operator.targets.copy.cluster", "prod");
        p.put("operator.targets.copy.auto-scaling-group", "prod-asg");
        p.put("operator.targets.copy.ami", "amazon-linux-2023");

        assertThat(problems(p)).singleElement().asString().contains("prod-asg is already the group of target");
    }

    @Test
    void aDynamoTableNameMustBeOneDynamoDbAccepts() {
        Map<String, String> p = valid();
        p.put("operator.store.kind", "dynamodb");
        p.put("operator.store.table", "my table");

        assertThat(problems(p)).singleElement().asString().startsWith("operator.store.table 'my table' is not a "
                + "DynamoDB table name");
    }

    @Test
    void slackBotModeNeedsItsChannel() {
        assertThat(problemsWith("operator.slack.bot-token", "xoxb-0123456789")).singleElement().asString()
                .startsWith("operator.slack.channel is required with operator.slack.bot-token");
    }

    @Test
    void aTokensFileIsReadAtStartUpAndEachBadLineNamed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("tokens");
        Files.writeString(file, "# ci tokens\nci operator sha256:" + "ab".repeat(32) + "\nci viewer sha256:"
                + "cd".repeat(32) + "\nbad admin sha256:" + "ef".repeat(32) + "\nshort viewer sha256:12\n");

        assertThat(problemsWith("operator.api.tokens-file", file.toString())).containsExactly(
                "operator.api.tokens-file " + file + " line 3: token name 'ci' is given twice; each token needs its own name",
                "operator.api.tokens-file " + file + " line 4: role must be viewer or operator, was 'admin'",
                "operator.api.tokens-file " + file + " line 5: expected '<name> <viewer|operator> sha256:<64 hex>'");
    }

    @Test
    void aMissingTokensFileIsReported(@TempDir Path dir) {
        assertThat(problemsWith("operator.api.tokens-file", dir.resolve("absent").toString())).singleElement()
                .asString().startsWith("operator.api.tokens-file " + dir.resolve("absent") + " cannot be read");
    }
}
