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
                "ExecStart=/usr/bin/java @/opt/ecs-ami-operator/jvm.options $JAVA_OPTS "
                        + "-jar /opt/ecs-ami-operator/quarkus-run.jar");
    }

    @Test
    void theImageAndTheUnitTakeTheirJvmOptionsFromJvmOptionsOnly() throws IOException {
        List<String> options = lines("jvm.options").stream().map(l -> l.replaceAll("#.*", "").trim())
                .filter(l -> !l.isEmpty()).toList();
        String dockerfile = read("Dockerfile");
        String unit = read("systemd/ecs-ami-operator.service");
        String env = read("systemd/ecs-ami-operator.env.example");

        assertThat(options).allMatch(o -> o.startsWith("-"), "one option per line")
                .contains("-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError").anyMatch(o -> o.startsWith("-Xmx"));
        assertThat(dockerfile).doesNotContain("JAVA_TOOL_OPTIONS")
                .contains("COPY --chmod=0644 k8s-free-deploy/jvm.options /opt/ecs-ami-operator/jvm.options",
                        "exec java @/opt/ecs-ami-operator/jvm.options ");
        assertThat(unit).contains("ExecStart=/usr/bin/java @/opt/ecs-ami-operator/jvm.options ");
        for (String elsewhere : List.of(dockerfile, unit, env)) {
            assertThat(elsewhere.lines().filter(l -> !l.startsWith("#")))
                    .noneMatch(l -> l.matches(".*(-Xm[sx]|-XX:\\+Use\\w+GC|MaxRAMPercentage|TieredStopAtLevel).*"));
        }
        assertThat(Files.readString(Path.of("docs", "deploy.md")))
                .contains("k8s-free-deploy/jvm.options /opt/ecs-ami-operator/");
    }

    @Test
    void theImageBuildWritesTheAppCdsArchiveItStartsWith() throws IOException {
        String dockerfile = read("Dockerfile");

        assertThat(lines("Dockerfile")).contains(
                "RUN /opt/ecs-ami-operator/appcds.sh /opt/ecs-ami-operator /opt/ecs-ami-operator/jvm.options");
        assertThat(dockerfile).contains("-XX:SharedArchiveFile=/opt/ecs-ami-operator/app-cds.jsa");
        assertThat(lines("Dockerfile.dockerignore")).contains("!k8s-free-deploy/jvm.options",
                "!k8s-free-deploy/appcds.sh");
        assertThat(read("appcds.sh")).contains("-XX:ArchiveClassesAtExit=").contains("\"@$options\"");
        assertThat(Files.isExecutable(DIR.resolve("appcds.sh"))).isTrue();
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
