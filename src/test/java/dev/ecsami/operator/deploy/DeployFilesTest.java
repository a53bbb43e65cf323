package dev.ecsami.operator.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The image and the systemd files agree with the template and with docs/deploy.md. */
class DeployFilesTest {
    private static final Path DIR = Path.of("k8s-free-deploy");

    private static String read(String file) throws IOException {
        return Files.readString(DIR.resolve(file));
    }

    private static List<String> lines(String file) throws IOException {
        return Files.readAllLines(DIR.resolve(file));
    }

    @Test
    void imageRunsTheQuarkusAppAsANonRootUserWithALivenessCheck() throws IOException {
        String dockerfile = read("Dockerfile");

        assertThat(lines("Dockerfile")).contains("FROM eclipse-temurin:17-jre", "USER 10001:10001", "EXPOSE 8080")
                .anyMatch(l -> l.startsWith("COPY --chown=operator:operator target/quarkus-app/lib/"))
                .anyMatch(l -> l.contains("CMD [\"/opt/ecs-ami-operator/healthcheck.sh\"]"));
        assertThat(dockerfile).contains("quarkus-run.jar").contains("HEALTHCHECK");
        assertThat(read("healthcheck.sh")).contains("GET /q/health/live ");
        assertThat(Files.isExecutable(DIR.resolve("healthcheck.sh"))).isTrue();
    }

    @Test
    void theEfsAccessPointOwnerIsTheImageUser() {
        Template t = Template.load();

        assertThat(Template.map(t.properties("StoreAccessPoint").get("PosixUser")))
                .containsEntry("Uid", "10001").containsEntry("Gid", "10001");
    }

    @Test
    void systemdRunsTheJarUnprivilegedAndRestartsOnFailure() throws IOException {
        List<String> unit = lines("systemd/ecs-ami-operator.service");

        assertThat(unit).contains("User=ecs-ami-operator", "Restart=on-failure", "NoNewPrivileges=true",
                "EnvironmentFile=/etc/ecs-ami-operator/operator.env", "StateDirectory=ecs-ami-operator",
                "ExecStart=/usr/bin/java $JAVA_OPTS -jar /opt/ecs-ami-operator/quarkus-run.jar");
    }

    @Test
    void environmentExampleTalksToAwsAndKeepsTheStoreInTheStateDirectory() throws IOException {
        List<String> env = lines("systemd/ecs-ami-operator.env.example");

        assertThat(env).contains("OPERATOR_BACKEND=aws", "OPERATOR_STORE_KIND=file",
                "OPERATOR_STORE_DIR=/var/lib/ecs-ami-operator/rollouts");
        assertThat(env).filteredOn(l -> !l.isBlank() && !l.startsWith("#"))
                .allMatch(l -> l.matches("[A-Za-z_][A-Za-z0-9_]*=.*"), "NAME=value");
        assertThat(env).noneMatch(l -> l.matches("(?i)^[^#]*(SECRET|TOKEN|WEBHOOK_URL)=.+"));
    }
}
