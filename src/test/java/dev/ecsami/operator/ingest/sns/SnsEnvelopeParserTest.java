package dev.ecsami.operator.ingest.sns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsami.operator.ingest.json.Parsed;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SnsEnvelopeParserTest {

    private static final Instant SENT = Instant.parse("2021-03-16T20:45:04.751Z");

    @Test
    void parsesEveryEnvelopeFieldVerbatim() {
        TestMessage message = TestMessage.notification(SENT).set("Signature", "c2lnbmF0dXJl")
                .set("Message", "{\"a\":\"line\\nbreak é\"}");

        assertThat(SnsEnvelopeParser.parse(message.body())).isInstanceOfSatisfying(Parsed.Ok.class,
                parsed -> {
                    SnsEnvelope envelope = (SnsEnvelope) parsed.value();
                    assertThat(envelope.type()).isEqualTo(SnsEnvelope.Type.NOTIFICATION);
                    assertThat(envelope.messageId()).isEqualTo(message.get("MessageId"));
                    assertThat(envelope.topicArn()).isEqualTo(TestMessage.TOPIC);
                    assertThat(envelope.subject()).contains("New ECS-optimized AMI");
                    assertThat(envelope.message()).isEqualTo("{\"a\":\"line\\nbreak é\"}");
                    assertThat(envelope.timestamp()).isEqualTo("2021-03-16T20:45:04.751Z");
                    assertThat(envelope.signatureVersion()).isEqualTo("1");
                    assertThat(envelope.signature()).isEqualTo("c2lnbmF0dXJl");
                    assertThat(envelope.signingCertUrl()).isEqualTo(TestMessage.CERT_URL);
                    assertThat(envelope.unsubscribeUrl()).contains(message.get("UnsubscribeURL"));
                    assertThat(envelope.token()).isEmpty();
                    assertThat(envelope.subscribeUrl()).isEmpty();
                });
    }

    @Test
    void unknownFieldsOfAnyShapeAreIgnored() {
        String body = new String(TestMessage.notification(SENT).set("Signature", "c2ln").body(), StandardCharsets.UTF_8)
                .replaceFirst("\\{", "{\"MessageAttributes\":{\"k\":{\"Type\":\"String\",\"Value\":\"v\"}},\"N\":[1,2],");

        assertThat(parse(body)).isInstanceOf(Parsed.Ok.class);
    }

    @Test
    void nullSubjectCountsAsAbsent() {
        String body = new String(TestMessage.notification(SENT).remove("Subject").set("Signature", "c2ln").body(),
                StandardCharsets.UTF_8).replaceFirst("\\{", "{\"Subject\":null,");

        assertThat(parse(body)).isInstanceOfSatisfying(Parsed.Ok.class,
                parsed -> assertThat(((SnsEnvelope) parsed.value()).subject()).isEmpty());
    }

    @Test
    void nonStringFieldIsMalformedNamingTheField() {
        String body = new String(TestMessage.notification(SENT).set("Signature", "c2ln").body(), StandardCharsets.UTF_8)
                .replace("\"Signature\":\"c2ln\"", "\"Signature\":42");

        assertThat(parse(body)).isEqualTo(new Parsed.Invalid<>("Signature",
                "expected a string but was NUMBER"));
    }

    @Test
    void unknownTypeIsMalformed() {
        TestMessage message = TestMessage.notification(SENT).set("Signature", "c2ln").set("Type", "notification");

        assertThat(SnsEnvelopeParser.parse(message.body())).isInstanceOfSatisfying(
                Parsed.Invalid.class, malformed -> assertThat(malformed.where()).isEqualTo("Type"));
    }

    @Test
    void confirmationWithoutTokenOrSubscribeUrlIsMalformed() {
        TestMessage withoutToken = TestMessage.subscriptionConfirmation(SENT).set("Signature", "c2ln").remove("Token");
        TestMessage withoutUrl = TestMessage.subscriptionConfirmation(SENT).set("Signature", "c2ln")
                .remove("SubscribeURL");

        assertThat(SnsEnvelopeParser.parse(withoutToken.body()))
                .isEqualTo(new Parsed.Invalid<>("Token", "required string is missing"));
        assertThat(SnsEnvelopeParser.parse(withoutUrl.body()))
                .isEqualTo(new Parsed.Invalid<>("SubscribeURL", "required string is missing"));
    }

    @Test
    void duplicateKeyIsMalformedSoTheVerifiedValueIsTheOnlyValue() {
        String body = new String(TestMessage.notification(SENT).set("Signature", "c2ln").body(), StandardCharsets.UTF_8)
                .replaceFirst("\\}$", ",\"Message\":\"second\"}");

        assertThat(parse(body)).isInstanceOfSatisfying(Parsed.Invalid.class,
                malformed -> assertThat(malformed.detail()).startsWith("body: not valid JSON").contains("Message"));
    }

    @Test
    void trailingContentAfterTheObjectIsMalformed() {
        String body = new String(TestMessage.notification(SENT).set("Signature", "c2ln").body(), StandardCharsets.UTF_8)
                + "{}";

        assertThat(parse(body)).isInstanceOf(Parsed.Invalid.class);
    }

    private static Parsed<SnsEnvelope> parse(String body) {
        return SnsEnvelopeParser.parse(body.getBytes(StandardCharsets.UTF_8));
    }
}
