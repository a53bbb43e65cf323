package dev.ecsami.operator.slack;

import dev.ecsami.operator.slack.Redaction.Secret;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionTest {

    @Test
    void givenSecretsAreMaskedWherever() {
        Secret token = Secret.of("custom-secret-value");

        assertThat(Redaction.text("auth failed for custom-secret-value!", token)).isEqualTo("auth failed for ***!");
    }

    @Test
    void slackTokensAndWebhookPathsAreMaskedEvenWhenNotGiven() {
        String raw = "token xoxb-1234-5678-abcdEFGH posted to https://hooks.slack.com/services/T000/B000/XXXX ok";

        assertThat(Redaction.text(raw)).isEqualTo("token *** posted to https://hooks.slack.com/*** ok");
    }

    @Test
    void urlCredentialsAreMasked() {
        assertThat(Redaction.text("proxy http://user:pass@proxy:3128 down")).isEqualTo("proxy http://***@proxy:3128 down");
    }

    @Test
    void aUrlIsShownAsSchemeHostAndPortOnly() {
        assertThat(Redaction.url(URI.create("https://hooks.slack.com/services/T000/B000/XXXX")))
                .isEqualTo("https://hooks.slack.com/***");
        assertThat(Redaction.url(URI.create("http://127.0.0.1:8089/api/chat.update"))).isEqualTo("http://127.0.0.1:8089/***");
    }

    @Test
    void aFailureNamesItsTypeMessageAndRootCause() {
        Exception e = new IllegalStateException("send failed", new IOException("reset by xoxb-999-abc"));

        assertThat(Redaction.failure(e)).isEqualTo("IllegalStateException: send failed (caused by IOException: reset by ***)");
    }

    @Test
    void longTextIsShortened() {
        assertThat(Redaction.text("x".repeat(2000))).hasSize(503);
    }

    @Test
    void aSecretPrintsAsStars() {
        assertThat(Secret.of("xoxb-1").toString()).isEqualTo("***");
        assertThat(Secret.of("xoxb-1").reveal()).isEqualTo("xoxb-1");
    }
}
