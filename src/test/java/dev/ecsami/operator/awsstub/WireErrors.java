package dev.ecsami.operator.awsstub;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsami.operator.core.port.ExternalCallFailed;

import java.util.Map;

/**
 * A failure of the simulated world as each service reports it on the wire. The simulation speaks
 * generic codes (ThrottlingException, InternalFailure); each service has its own names and statuses
 * for them, which is what the SDK's retry and the adapters' translation have to recognise.
 */
final class WireErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    enum Service { ECS, SSM, AUTO_SCALING, EC2 }

    private record Wire(int status, String code) {
    }

    private static final Map<Service, Wire> THROTTLING = Map.of(
            Service.ECS, new Wire(400, "ThrottlingException"),
            Service.SSM, new Wire(400, "ThrottlingException"),
            Service.AUTO_SCALING, new Wire(400, "Throttling"),
            Service.EC2, new Wire(503, "RequestLimitExceeded"));

    private static final Map<Service, Wire> INTERNAL = Map.of(
            Service.ECS, new Wire(500, "ServerException"),
            Service.SSM, new Wire(500, "InternalServerError"),
            Service.AUTO_SCALING, new Wire(500, "InternalFailure"),
            Service.EC2, new Wire(500, "InternalError"));

    private WireErrors() {
    }

    static Reply reply(Service service, ExternalCallFailed e) {
        Wire wire = wire(service, e);
        String message = e.getMessage();
        return switch (service) {
            case ECS, SSM -> new Reply(wire.status(), Reply.JSON,
                    JSON.createObjectNode().put("__type", wire.code()).put("message", message).toString());
            case AUTO_SCALING -> new Reply(wire.status(), Reply.XML, "<ErrorResponse xmlns=\"" + AutoScalingApi.NS
                    + "\"><Error><Type>" + (wire.status() >= 500 ? "Receiver" : "Sender") + "</Type>"
                    + Xml.el("Code", wire.code()) + Xml.el("Message", message) + "</Error>"
                    + Xml.el("RequestId", AwsStub.requestId()) + "</ErrorResponse>");
            case EC2 -> new Reply(wire.status(), Reply.XML, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>"
                    + "<Errors><Error>" + Xml.el("Code", wire.code()) + Xml.el("Message", message)
                    + "</Error></Errors>" + Xml.el("RequestID", AwsStub.requestId()) + "</Response>");
        };
    }

    private static Wire wire(Service service, ExternalCallFailed e) {
        if (e.code().startsWith("Throttl")) {
            return THROTTLING.get(service);
        }
        if (e.code().equals("InternalFailure")) {
            return INTERNAL.get(service);
        }
        return new Wire(e.retryable() ? 500 : 400, e.code());
    }
}
