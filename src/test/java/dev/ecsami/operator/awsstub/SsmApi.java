package dev.ecsami.operator.awsstub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsami.operator.core.model.AmiRef;
import dev.ecsami.operator.core.model.AmiSource;
import dev.ecsami.operator.sim.SimulatedAws;

/** SSM GetParameter (awsJson1_1): the simulated parameter, as the ECS-optimized AMI's JSON value. */
final class SsmApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SimulatedAws aws;

    SsmApi(SimulatedAws aws) {
        this.aws = aws;
    }

    Reply answer(String operation, String body) {
        if (!operation.equals("GetParameter")) {
            throw new Reply.Failure(operation, "InvalidAction", "the stub does not implement " + operation);
        }
        String name = read(body).path("Name").asText();
        AmiRef ami = aws.amiCatalog().resolve(new AmiSource.SsmParameter(name));
        String value = JSON.createObjectNode().put("image_id", ami.imageId()).put("image_name", ami.name())
                .put("schema_version", 1).put("os", "Amazon Linux 2023").toString();
        ObjectNode parameter = JSON.createObjectNode().put("Name", name).put("Type", "String").put("Value", value)
                .put("Version", 1).put("ARN", "arn:aws:ssm:us-east-1::parameter" + name).put("DataType", "text");
        ObjectNode reply = JSON.createObjectNode();
        reply.set("Parameter", parameter);
        return Reply.json(reply.toString());
    }

    static JsonNode read(String body) {
        try {
            return JSON.readTree(body.isEmpty() ? "{}" : body);
        } catch (JsonProcessingException e) {
            throw new Reply.Failure("?", "SerializationException", "the body is not JSON: " + e.getOriginalMessage());
        }
    }
}
