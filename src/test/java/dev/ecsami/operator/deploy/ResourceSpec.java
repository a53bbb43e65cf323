package dev.ecsami.operator.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The CloudFormation resource specification shipped by the npm package {@code @aws-cdk/cfnspec}
 * (installed by {@code npm ci --prefix k8s-free-deploy}). The system property {@code cfnspec.file}
 * points at another copy.
 */
final class ResourceSpec {
    static final Path DEFAULT_FILE = Path.of("k8s-free-deploy", "node_modules", "@aws-cdk", "cfnspec", "spec",
            "specification.json");
    static final String INSTALL_COMMAND = "npm ci --prefix k8s-free-deploy";

    private final JsonNode resourceTypes;
    private final JsonNode propertyTypes;
    final String version;

    private ResourceSpec(JsonNode root) {
        this.resourceTypes = root.path("ResourceTypes");
        this.propertyTypes = root.path("PropertyTypes");
        this.version = root.path("ResourceSpecificationVersion").asText("?");
    }

    static Path file() {
        String override = System.getProperty("cfnspec.file", "");
        return override.isBlank() ? DEFAULT_FILE : Path.of(override);
    }

    static Optional<ResourceSpec> load() {
        Path file = file();
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ResourceSpec(new ObjectMapper().readTree(file.toFile())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    Optional<JsonNode> resourceType(String type) {
        JsonNode n = resourceTypes.get(type);
        return Optional.ofNullable(n);
    }

    /** A property type of a resource ({@code AWS::ECS::Service.DeploymentConfiguration}) or a shared one ({@code Tag}). */
    Optional<JsonNode> propertyType(String resourceType, String name) {
        JsonNode n = propertyTypes.get(resourceType + "." + name);
        return Optional.ofNullable(n != null ? n : propertyTypes.get(name));
    }
}
