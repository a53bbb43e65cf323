package dev.ecsami.operator.slack;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.ecsami.operator.slack.Delivery;
import dev.ecsami.operator.slack.Redaction.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/** The outbox's thread: delivers in order, retries what may pass, drops and counts the rest. */
class OutboxDeliveryTest {
    @RegisterExtension
    static WireMockExtension slack = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static final String PATH = "/services/T0/B0/hook";
    private final SlackMetrics metrics = SlackMetrics.plain("webhook");
    private Outbox queue;

    private Outbox outbox(int maxAttempts, Duration backoff) {
        Secret url = Secret.of(slack.baseUrl() + PATH);
        queue = Outbox.queued(10, SlackClient.webhook(url, Duration.ofSeconds(2)),
                Outbox.retryPolicy(maxAttempts, backoff, Duration.ofSeconds(1)), metrics);
        return queue;
    }

    private void startSender(int maxAttempts, Duration backoff) {
        outbox(maxAttempts, backoff).start();
    }

    @AfterEach
    void stop() {
        if (queue != null) {
            queue.close();
        }
    }

    private static Delivery announce(String text) {
        return Delivery.of(Delivery.Kind.ANNOUNCE, "r-1", new SlackMessage(text, List.of(Blocks.section(text))));
    }

    private static List<LoggedRequest> requestsInOrder() {
        return Received.inOrder(slack);
    }

    @Test
    void rateLimitedMessageWaitsForRetryAfterThenGoesOut() {
        slack.stubFor(post(PATH).inScenario("429").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1").withBody("rate_limited"))
                .willSetStateTo("open"));
        slack.stubFor(post(PATH).inScenario("429").whenScenarioStateIs("open").willReturn(aResponse().withBody("ok")));
        startSender(5, Duration.ofMillis(10));

        queue.offer(announce("hello"));

        Eventually.await(Duration.ofSeconds(5), "the message to be sent", () -> metrics.sentCount() == 1);
        List<LoggedRequest> requests = requestsInOrder();
        assertThat(requests).hasSize(2);
        long waitedMillis = requests.get(1).getLoggedDate().getTime()
                - requests.get(0).getLoggedDate().getTime();
        assertThat(waitedMillis).isGreaterThanOrEqualTo(1000);
        assertThat(metrics.retriedCount()).isEqualTo(1);
    }

    @Test
    void serverErrorsAreRetriedThenDroppedAfterMaxAttemptsAndCounted() {
        slack.stubFor(post(PATH).willReturn(aResponse().withStatus(500)));
        startSender(3, Duration.ofMillis(10));

        queue.offer(announce("doomed"));

        Eventually.await(Duration.ofSeconds(5), "the message to be given up",
                () -> metrics.droppedCount(SlackMetrics.Drop.GAVE_UP) == 1);
        slack.verify(3, postRequestedFor(urlEqualTo(PATH)));
        assertThat(metrics.retriedCount()).isEqualTo(2);
        assertThat(metrics.sentCount()).isZero();
    }

    @Test
    void theSenderCarriesOnAfterDroppingAMessage() {
        slack.stubFor(post(PATH).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)));
        startSender(1, Duration.ofMillis(10));
        queue.offer(announce("first"));
        Eventually.await(Duration.ofSeconds(5), "the first message to be given up",
                () -> metrics.droppedCount(SlackMetrics.Drop.GAVE_UP) == 1);

        slack.stubFor(post(PATH).willReturn(aResponse().withBody("ok")));
        queue.offer(announce("second"));

        Eventually.await(Duration.ofSeconds(5), "the second message to be sent", () -> metrics.sentCount() == 1);
        assertThat(requestsInOrder().get(1).getBodyAsString()).contains("second");
    }

    @Test
    void aRejectedMessageIsNotRetried() {
        slack.stubFor(post(PATH).willReturn(aResponse().withStatus(400).withBody("invalid_blocks")));
        startSender(5, Duration.ofMillis(10));

        queue.offer(announce("bad"));

        Eventually.await(Duration.ofSeconds(5), "the message to be rejected",
                () -> metrics.droppedCount(SlackMetrics.Drop.REJECTED) == 1);
        slack.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void messagesGoOutOneAtATimeInTheOrderQueued() {
        slack.stubFor(post(PATH).willReturn(aResponse().withBody("ok")));
        outbox(1, Duration.ofMillis(10));
        for (int i = 0; i < 5; i++) {
            queue.offer(announce("m" + i));
        }
        queue.start();

        Eventually.await(Duration.ofSeconds(5), "five messages", () -> metrics.sentCount() == 5);
        assertThat(requestsInOrder()).extracting(e -> e.getBodyAsString().replaceAll(".*\"text\":\"(m\\d)\".*", "$1"))
                .containsExactly("m0", "m1", "m2", "m3", "m4");
    }
}
