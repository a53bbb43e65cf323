package dev.ecsami.operator.awsstub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsami.operator.core.model.AmiRef;
import dev.ecsami.operator.core.model.AmiSource;
import dev.ecsami.operator.core.port.AmiCatalog;
import dev.ecsami.operator.sim.SimulatedAws;

import java.util.ArrayList;
import java.util.List;

/** SSM GetParameter and GetParameters (awsJson1_1): the simulated parameter, as the ECS-optimized AMI's JSON value. */
final class SsmApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SimulatedAws aws;

    SsmApi(SimulatedAws aws) {
        this.aws = aws;
    }

    Reply answer(String operation, String body) {
        if (operation.equals("GetParameters")) {
            return parameters(read(body).path("Names"));
        }
        if (!operation.equals("GetParameter")) {
            throw new Reply.Failure(operation, "InvalidAction", "the stub does not implement " + operation);
        }
        String name = read(body).path("Name").asText();
        ObjectNode reply = JSON.createObjectNode();
        reply.set("Parameter", parameter(name, aws.amiCatalog().resolve(new AmiSource.SsmParameter(name))));
        return Reply.json(reply.toString());
    }

    /** GetParameters: the names the simulated SSM holds, the others under InvalidParameters. */
    private Reply parameters(JsonNode names) {
        List<AmiSource> sources = new ArrayList<>();
        names.forEach(n -> sources.add(new AmiSource.SsmParameter(n.asText())));
        ObjectNode reply = JSON.createObjectNode();
        ArrayNode found = reply.putArray("Parameters");
        ArrayNode invalid = reply.putArray("InvalidParameters");
        aws.amiCatalog().resolveAll(sources).forEach((source, resolution) -> {
            if (resolution instanceof AmiCatalog.Resolution.Resolved r) {
                found.add(parameter(source.parameterName(), r.ami()));
            } else {
                invalid.add(source.parameterName());
            }
        });
        return Reply.json(reply.toString());
    }

    private static ObjectNode parameter(String name, AmiRef ami) {
        String value = JSON.createObjectNode().put("image_id", ami.imageId()).put("image_name", ami.name())
                .put("schema_version", 1).put("os", "Amazon Linux 2023").toString();
        return JSON.createObjectNode().put("Name", name).put("Type", "String").put("Value", value)
                .put("Version", 1).put("ARN", "arn:aws:ssm:us-east-1::parameter" + name).put("DataType", "text");
    }

    static JsonNode read(String body) {
        try {
            return JSON.readTree(body.isEmpty() ? "{}" : body);
        } catch (JsonProcessingException e) {
            throw new Reply.Failure("?", "SerializationException", "the body is not JSON: " + e.getOriginalMessage());
        }
    }
}
