package dev.ecsami.operator.config;

import dev.ecsami.operator.core.model.AmiSource;
import dev.ecsami.operator.core.model.OnDrainTimeout;
import dev.ecsami.operator.core.model.OnNewAmi;
import dev.ecsami.operator.core.model.Target;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigValidationTest {

    private static OperatorConfig load(Map<String, String> props) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(OperatorConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(props, "test", 500))
                .build();
        return config.getConfigMapping(OperatorConfig.class);
    }

    private static Map<String, String> target(String name) {
        Map<String, String> p = new HashMap<>();
        p.put("operator.targets." + name + ".cluster", "prod");
        p.put("operator.targets." + name + ".auto-scaling-group", "prod-asg");
        p.put("operator.targets." + name + ".ami", "amazon-linux-2023");
        return p;
    }

    @Test
    void defaultsMatchTheDocumentedContract() {
        OperatorConfig c = load(target("prod"));
        Target t = TargetsFactory.fromConfig(c.targets()).get("prod");

        assertThat(c.backend()).isEqualTo(OperatorConfig.Backend.AWS);
        assertThat(t.ami()).isEqualTo(new AmiSource.Family("amazon-linux-2023"));
        assertThat(t.onNewAmi()).isEqualTo(OnNewAmi.ROLL);
        assertThat(t.policy().maxInFlight()).isEqualTo(1);
        assertThat(t.policy().surge()).isTrue();
        assertThat(t.policy().surgeAheadAuto()).isTrue();
        assertThat(t.policy().drainTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(t.policy().onDrainTimeout()).isEqualTo(OnDrainTimeout.PAUSE);
        assertThat(t.policy().bakeTime()).isZero();
    }

    @Test
    void settingsInTheirConfiguredFormsAreUnderstood() {
        Map<String, String> p = target("batch");
        p.put("operator.targets.batch.ami", "ssm:/my/golden/ami");
        p.put("operator.targets.batch.on-new-ami", "approve");
        p.put("operator.targets.batch.on-drain-timeout", "force");
        p.put("operator.targets.batch.max-in-flight", "3");
        p.put("operator.targets.batch.surge", "false");
        p.put("operator.targets.batch.drain-timeout", "2h");
        p.put("operator.targets.batch.bake-time", "90s");

        Target t = TargetsFactory.fromConfig(load(p).targets()).get("batch");

        assertThat(t.ami()).isEqualTo(new AmiSource.SsmParameter("/my/golden/ami"));
        assertThat(t.onNewAmi()).isEqualTo(OnNewAmi.APPROVE);
        assertThat(t.policy().onDrainTimeout()).isEqualTo(OnDrainTimeout.FORCE);
        assertThat(t.policy().maxInFlight()).isEqualTo(3);
        assertThat(t.policy().surge()).isFalse();
        assertThat(t.policy().drainTimeout()).isEqualTo(Duration.ofHours(2));
        assertThat(t.policy().bakeTime()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void invalidValuesAreReportedWithTheirKeys() {
        Map<String, String> p = target("prod");
        p.put("operator.targets.prod.ami", "ubuntu-22");
        p.put("operator.targets.prod.max-in-flight", "0");
        p.put("operator.targets.prod.drain-timeout", "0s");

        assertThatThrownBy(() -> TargetsFactory.fromConfig(load(p).targets()))
                .isInstanceOf(InvalidConfiguration.class)
                .hasMessageContaining("operator.targets.prod.ami 'ubuntu-22' is not a known AMI family")
                .hasMessageContaining("operator.targets.prod.max-in-flight must be 1 or more, was 0")
                .hasMessageContaining("operator.targets.prod.drain-timeout must be a positive duration");
    }

    @Test
    void malformedAmiIdIsRejected() {
        Map<String, String> p = target("prod");
        p.put("operator.targets.prod.ami", "ami-xyz");

        assertThatThrownBy(() -> TargetsFactory.fromConfig(load(p).targets()))
                .hasMessageContaining("operator.targets.prod.ami 'ami-xyz' is not an AMI id");
    }

    @Test
    void twoTargetsOnOneGroupAreRejected() {
        Map<String, String> p = target("a");
        p.putAll(target("b"));

        assertThatThrownBy(() -> TargetsFactory.fromConfig(load(p).targets()))
                .hasMessageContaining("operator.targets.b.auto-scaling-group prod-asg is already the group of target a");
    }

    @Test
    void unknownEnumValueFailsNamingTheKey() {
        Map<String, String> p = target("prod");
        p.put("operator.targets.prod.on-new-ami", "sometimes");

        assertThatThrownBy(() -> load(p)).hasStackTraceContaining("operator.targets.prod.on-new-ami");
    }

    @Test
    void missingRequiredKeyFailsNamingIt() {
        Map<String, String> p = target("prod");
        p.remove("operator.targets.prod.cluster");

        assertThatThrownBy(() -> load(p)).hasStackTraceContaining("operator.targets.prod.cluster");
    }

    @Test
    void surgeAheadTakesAutoOrAFixedNumberAndNamesItselfWhenNeither() {
        Map<String, String> fixed = target("fixed");
        fixed.put("operator.targets.fixed.surge-ahead", "3");
        Target t = TargetsFactory.fromConfig(load(fixed).targets()).get("fixed");
        assertThat(t.policy().surgeAheadAuto()).isFalse();
        assertThat(t.policy().surgeAhead()).isEqualTo(3);

        Map<String, String> bad = target("bad");
        bad.put("operator.targets.bad.surge-ahead", "lots");
        assertThatThrownBy(() -> TargetsFactory.fromConfig(load(bad).targets()))
                .hasMessageContaining("operator.targets.bad.surge-ahead must be auto or a whole number 0 or more");
    }
}
