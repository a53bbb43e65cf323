package dev.ecsami.operator.slack;

import dev.ecsami.operator.store.TestJson;
import dev.ecsami.operator.testing.MutableClock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.ecsami.operator.slack.RolloutScript.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slack answers nothing for longer than the request timeout: the rollout path must not notice.
 * Wall-clock bounds on a shared machine: every call must stay far below the request timeout (a call
 * that waited for Slack could not), and the typical call below 50 ms.
 */
class HangingSlackTest {
    @RegisterExtension
    static WireMockExtension slack = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").containerThreads(20)).build();

    /** A safety bound for a typical call, not a performance target. */
    private static final long TYPICAL_CALL_MILLIS = 50;
    /** Far below the request timeout: a call that waited for Slack at all would take longer. */
    private static final long ANY_CALL_MILLIS = 1_000;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
    private static final String PATH = "/services/T0/B0/hook";
    private final MutableClock clock = new MutableClock(T0);
    private SlackNotifier notifier;

    @AfterEach
    void stop() {
        if (notifier != null) {
            notifier.close();
        }
    }

    @Test
    void rolloutChangesReturnAtOnceAndTheQueueStaysBounded() {
        slack.stubFor(post(PATH).willReturn(aResponse().withBody("ok").withFixedDelay(5_000)));
        TestSettings settings = TestSettings.webhook(slack.baseUrl() + PATH);
        settings.requestTimeout = REQUEST_TIMEOUT;
        settings.queueCapacity = 5;
        settings.maxAttempts = 2;
        notifier = SlackNotifier.slack(TestJson.MAPPER, settings.build(), clock, Optional.empty()).orElseThrow();
        warmUp();
        long droppedInWarmUp = notifier.metrics().droppedCount(SlackMetrics.Drop.QUEUE_FULL);

        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            RolloutScript s = RolloutScript.of(3);
            Instant at = clock.advance(Duration.ofMinutes(1));
            RolloutScript.Change change = i % 2 == 0 ? s.start(at) : s.pause("paused by alice", at);
            long began = System.nanoTime();
            notifier.rolloutChanged(change.rollout(), change.events());
            millis.add((System.nanoTime() - began) / 1_000_000);
            assertThat(notifier.queued()).isLessThanOrEqualTo(5);
        }

        Collections.sort(millis);
        assertThat(millis.get(millis.size() - 1)).as("slowest call in ms").isLessThan(ANY_CALL_MILLIS);
        assertThat(millis.get(millis.size() * 95 / 100)).as("95th percentile in ms").isLessThan(TYPICAL_CALL_MILLIS);
        assertThat(notifier.metrics().droppedCount(SlackMetrics.Drop.QUEUE_FULL) - droppedInWarmUp)
                .isGreaterThanOrEqualTo(190);
        assertThat(notifier.metrics().sentCount()).isZero();
    }

    @Test
    void closingStopsTheSenderWhileACallHangs() {
        slack.stubFor(post(PATH).willReturn(aResponse().withBody("ok").withFixedDelay(5_000)));
        notifier = SlackNotifier.slack(TestJson.MAPPER, TestSettings.webhook(slack.baseUrl() + PATH).build(), clock, Optional.empty())
                .orElseThrow();
        RolloutScript s = RolloutScript.of(3);
        s.start(T0).tell(notifier);
        Eventually.await(Duration.ofSeconds(5), "the call to hang", () -> !slack.getAllServeEvents().isEmpty());

        long began = System.nanoTime();
        notifier.close();

        assertThat((System.nanoTime() - began) / 1_000_000).as("close in ms").isLessThan(2_000);
    }

    /**
     * The same calls, untimed, until the queue overflows: loads the classes on this path and starts
     * logging, one-off JVM costs a running operator has long paid.
     */
    private void warmUp() {
        for (int i = 0; i < 10; i++) {
            RolloutScript s = RolloutScript.of(3);
            (i % 2 == 0 ? s.start(clock.instant()) : s.pause("warm-up", clock.instant())).tell(notifier);
        }
    }
}
