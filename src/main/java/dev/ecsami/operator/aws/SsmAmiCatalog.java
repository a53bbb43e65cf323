package dev.ecsami.operator.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsami.operator.core.model.AmiRef;
import dev.ecsami.operator.core.model.AmiSource;
import dev.ecsami.operator.core.port.AmiCatalog;
import dev.ecsami.operator.core.port.ExternalCallFailed;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link AmiCatalog} over SSM parameters and EC2 DescribeImages. ECS-optimized parameters hold
 * JSON ({@code image_id}, {@code image_name}, ...); Bottlerocket's {@code image_id} parameters and
 * many custom ones hold a bare AMI id. Both forms are accepted for any parameter.
 */
public final class SsmAmiCatalog implements AmiCatalog {
    private static final String AVAILABLE = "available";
    /** GetParameters reads at most 10 names per call. */
    static final int NAMES_PER_CALL = 10;

    private final SsmClient ssm;
    private final Ec2Client ec2;
    private final ObjectMapper json;

    /** @param json reads the JSON value of ECS-optimized parameters (the application's mapper) */
    public SsmAmiCatalog(SsmClient ssm, Ec2Client ec2, ObjectMapper json) {
        this.ssm = ssm;
        this.ec2 = ec2;
        this.json = json;
    }

    @Override
    public AmiRef resolve(AmiSource source) {
        if (source instanceof AmiSource.Fixed fixed) {
            return image(fixed.imageId()).map(i -> new AmiRef(i.imageId(), i.name()))
                    .orElseThrow(() -> new ExternalCallFailed("DescribeImages", "NotFound",
                            "AMI " + fixed.imageId() + " does not exist or is not shared with this account", false));
        }
        String name = source.parameterName();
        String value = AwsCalls.call("GetParameter", () -> ssm.getParameter(r -> r.name(name))).parameter().value();
        return parse(name, value);
    }

    /** Every parameter source in GetParameters calls of up to 10 names; fixed ids one by one, as {@link #resolve}. */
    @Override
    public Map<AmiSource, Resolution> resolveAll(Collection<AmiSource> sources) {
        Set<AmiSource> distinct = new LinkedHashSet<>(sources);
        Map<String, Resolution> byName = new LinkedHashMap<>();
        List<String> names = distinct.stream().filter(s -> !(s instanceof AmiSource.Fixed))
                .map(AmiSource::parameterName).distinct().toList();
        for (int from = 0; from < names.size(); from += NAMES_PER_CALL) {
            byName.putAll(readBatch(names.subList(from, Math.min(names.size(), from + NAMES_PER_CALL))));
        }
        Map<AmiSource, Resolution> resolved = new LinkedHashMap<>();
        for (AmiSource source : distinct) {
            resolved.put(source, source instanceof AmiSource.Fixed ? Resolution.of(() -> resolve(source))
                    : byName.get(source.parameterName()));
        }
        return resolved;
    }

    /** One GetParameters call; a name AWS lists as invalid (missing or unreadable) is reported as not found. */
    private Map<String, Resolution> readBatch(List<String> names) {
        Map<String, Resolution> out = new LinkedHashMap<>();
        GetParametersResponse response;
        try {
            response = AwsCalls.call("GetParameters", () -> ssm.getParameters(r -> r.names(names)));
        } catch (ExternalCallFailed e) {
            names.forEach(n -> out.put(n, new Resolution.Unresolved(e)));
            return out;
        }
        List<String> invalid = response.invalidParameters();
        for (String name : names) {
            Optional<Parameter> found = response.parameters().stream().filter(p -> name.equals(p.name())).findFirst();
            if (found.isPresent()) {
                out.put(name, Resolution.of(() -> parse(name, found.get().value())));
            } else {
                out.put(name, new Resolution.Unresolved(new ExternalCallFailed("GetParameters", "ParameterNotFound",
                        "SSM parameter " + name + (invalid.contains(name) ? " does not exist or is not readable"
                                : " was not returned"), false)));
            }
        }
        return out;
    }

    @Override
    public Optional<Image> describe(String imageId) {
        return image(imageId).map(SsmAmiCatalog::image);
    }

    /** Compares the AMI a group runs with its intended replacement; two DescribeImages calls, no mutation. */
    public ReplacementCheck verifyReplacement(String currentImageId, String newImageId) {
        Optional<software.amazon.awssdk.services.ec2.model.Image> replacement = image(newImageId);
        if (replacement.isEmpty()) {
            return new ReplacementCheck.NotFound(newImageId);
        }
        if (!AVAILABLE.equals(replacement.get().stateAsString())) {
            return new ReplacementCheck.NotAvailable(newImageId, replacement.get().stateAsString());
        }
        Image next = image(replacement.get());
        Optional<Image> current = currentImageId.startsWith("ami-") ? describe(currentImageId) : Optional.empty();
        if (current.isEmpty()) {
            return new ReplacementCheck.CurrentUnknown(currentImageId, next);
        }
        if (!current.get().architecture().equals(next.architecture())) {
            return new ReplacementCheck.ArchitectureMismatch(current.get(), next);
        }
        return new ReplacementCheck.Compatible(current.get(), next);
    }

    AmiRef parse(String parameter, String value) {
        String v = value == null ? "" : value.trim();
        if (v.startsWith("{")) {
            try {
                JsonNode fields = json.readTree(v);
                String id = fields.path("image_id").asText("");
                return new AmiRef(checked(parameter, id), fields.path("image_name").asText(""));
            } catch (JsonProcessingException e) {
                throw invalid(parameter, "is not valid JSON");
            }
        }
        return AmiRef.of(checked(parameter, v));
    }

    private static String checked(String parameter, String id) {
        if (!AmiSource.AMI_ID.matcher(id).matches()) {
            throw invalid(parameter, "holds '" + id + "' where an AMI id (ami-...) or JSON with image_id was expected");
        }
        return id;
    }

    private static ExternalCallFailed invalid(String parameter, String what) {
        return new ExternalCallFailed("GetParameter", "UnexpectedParameterValue", "SSM parameter " + parameter + " "
                + what, false);
    }

    /** DescribeImages by id; an unknown or deregistered AMI is empty, not an error. */
    private Optional<software.amazon.awssdk.services.ec2.model.Image> image(String imageId) {
        try {
            List<software.amazon.awssdk.services.ec2.model.Image> images = AwsCalls.call("DescribeImages",
                    () -> ec2.describeImages(r -> r.imageIds(imageId).includeDeprecated(true))).images();
            return images.stream().filter(i -> imageId.equals(i.imageId())).findFirst();
        } catch (ExternalCallFailed e) {
            if ("InvalidAMIID.NotFound".equals(e.code()) || "InvalidAMIID.Unavailable".equals(e.code())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static Image image(software.amazon.awssdk.services.ec2.model.Image i) {
        return new Image(new AmiRef(i.imageId(), i.name()), i.architectureAsString(),
                AVAILABLE.equals(i.stateAsString()));
    }
}
