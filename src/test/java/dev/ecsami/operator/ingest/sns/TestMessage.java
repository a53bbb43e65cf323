package dev.ecsami.operator.ingest.sns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds SNS HTTP/S bodies the way SNS does: fields, then a signature over the canonical string
 * computed independently of the production {@link SnsEnvelope#stringToSign()}. Fields changed after
 * {@link #signWith} model tampering in transit.
 */
public final class TestMessage {

    public static final String TOPIC = "arn:aws:sns:us-west-2:177427601217:ecs-optimized-amazon-ami-update";
    public static final String CERT_URL =
            "https://sns.us-west-2.amazonaws.com/SimpleNotificationService-0123456789abcdef.pem";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, String> fields = new LinkedHashMap<>();

    private TestMessage(String type, Instant timestamp) {
        fields.put("Type", type);
        fields.put("MessageId", "2a8b7c3d-0000-5000-9000-" + Long.toHexString(timestamp.toEpochMilli()));
        fields.put("TopicArn", TOPIC);
        fields.put("Timestamp", timestamp.toString());
        fields.put("SignatureVersion", "1");
        fields.put("SigningCertURL", CERT_URL);
    }

    public static TestMessage notification(Instant timestamp) {
        TestMessage message = new TestMessage("Notification", timestamp);
        message.fields.put("Subject", "New ECS-optimized AMI");
        message.fields.put("Message", "{\"ECSAgent\":{\"ReleaseVersion\":\"1.51.0\"}}");
        message.fields.put("UnsubscribeURL", "https://sns.us-west-2.amazonaws.com/?Action=Unsubscribe&x=1");
        return message;
    }

    public static TestMessage subscriptionConfirmation(Instant timestamp) {
        TestMessage message = new TestMessage("SubscriptionConfirmation", timestamp);
        message.fields.put("Token", "2336412f37fb687f5d51e6e241d09c805a5a57b30d712f794cc5f6a988666d92768dd60a7");
        message.fields.put("Message", "You have chosen to subscribe to the topic " + TOPIC);
        message.fields.put("SubscribeURL", "https://sns.us-west-2.amazonaws.com/?Action=ConfirmSubscription&Token=2336");
        return message;
    }

    public TestMessage set(String field, String value) {
        fields.put(field, value);
        return this;
    }

    public TestMessage remove(String field) {
        fields.remove(field);
        return this;
    }

    public String get(String field) {
        return fields.get(field);
    }

    /** Signs the current fields with the algorithm SignatureVersion names. */
    public TestMessage signWith(PrivateKey key) {
        String algorithm = "2".equals(fields.get("SignatureVersion")) ? "SHA256withRSA" : "SHA1withRSA";
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(canonical().getBytes(StandardCharsets.UTF_8));
            fields.put("Signature", Base64.getEncoder().encodeToString(signer.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    public byte[] body() {
        try {
            return JSON.writeValueAsBytes(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String canonical() {
        String[] keys = "Notification".equals(fields.get("Type"))
                ? new String[] {"Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"}
                : new String[] {"Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"};
        StringBuilder canonical = new StringBuilder();
        for (String key : keys) {
            if (fields.containsKey(key)) {
                canonical.append(key).append('\n').append(fields.get(key)).append('\n');
            }
        }
        return canonical.toString();
    }
}
