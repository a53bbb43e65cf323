package dev.ecsami.operator.scenario;

import dev.ecsami.operator.store.TestJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.ecsami.operator.core.drain.DrainRecord;
import dev.ecsami.operator.core.drain.LifecycleDrain;
import dev.ecsami.operator.core.model.OnDrainTimeout;
import dev.ecsami.operator.runtime.DrainObserver;
import dev.ecsami.operator.slack.Eventually;
import dev.ecsami.operator.slack.Redaction.Secret;
import dev.ecsami.operator.slack.SlackNotifier;
import dev.ecsami.operator.slack.SlackSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two scale-ins of a group with a hook on the virtual clock, one drain completing and one timing out:
 * Slack gets one digest for the target once its window closed, through the webhook.
 */
class DrainDigestScenarioTest {
    @RegisterExtension
    static WireMockExtension slack = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static final String PATH = "/services/T0/B0/hook";
    private SlackNotifier notifier;

    @AfterEach
    void stop() {
        if (notifier != null) {
            notifier.close();
        }
    }

    @Test
    void scaleInDrainsOfATargetAreToldInOneDigestWithTheTimeoutAndWhatThePolicyDid() throws Exception {
        slack.stubFor(post(PATH).willReturn(aResponse().withBody("ok")));
        DrainWorld w = DrainWorld.withHook(Duration.ofMinutes(1));
        notifier = SlackNotifier.slack(TestJson.MAPPER, webhook(Duration.ofMinutes(15)), w.clock, Optional.empty()).orElseThrow();
        w.settings = new LifecycleDrain.Settings(Duration.ofSeconds(30), Duration.ofSeconds(10),
                Duration.ofMinutes(4), OnDrainTimeout.FORCE);
        w.observer = DrainObserver.countedAndTold(DrainObserver.NONE, notifier);
        w.wire();

        w.slowTasksEverywhere(Duration.ofMinutes(2));
        w.scaleInAt(w.clock.instant().plusSeconds(30), 2);
        w.run(Duration.ofMinutes(4));
        w.slowTasksEverywhere(Duration.ofMinutes(20));
        w.scaleInAt(w.clock.instant().plusSeconds(30), 1);
        w.run(Duration.ofMinutes(6));
        List<DrainRecord> drains = w.store.all().stream()
                .sorted(Comparator.comparing(DrainRecord::startedAt)).toList();
        assertThat(drains).extracting(DrainRecord::state)
                .containsExactly(DrainRecord.State.COMPLETED, DrainRecord.State.TIMED_OUT);
        assertThat(notifier.metrics().sentCount()).as("nothing told before the window closes").isZero();

        w.run(Duration.ofMinutes(6));

        Eventually.await(Duration.ofSeconds(10), "the digest", () -> notifier.metrics().sentCount() == 1);
        w.run(Duration.ofMinutes(30));
        assertThat(slack.getAllServeEvents()).hasSize(1);
        JsonNode digest = new ObjectMapper().readTree(slack.getAllServeEvents().get(0).getRequest().getBodyAsString());
        String timedOut = drains.get(1).instanceId();
        assertThat(digest.path("text").asText()).isEqualTo("Drains of prod: 2 started, 1 completed, 1 timed out");
        String blocks = digest.path("blocks").toString();
        assertThat(blocks).contains("*Longest drain*\\n`" + timedOut + "` 4m ",
                "`" + timedOut + "` (scale-in) after 4m ", "let go with", "hook completed with CONTINUE");
        assertThat(blocks).doesNotContain(drains.get(0).token()).doesNotContain(drains.get(1).token());
    }

    private String url() {
        return slack.baseUrl() + PATH;
    }

    private SlackSettings webhook(Duration digestInterval) {
        return new SlackSettings(SlackSettings.Mode.WEBHOOK, Optional.of(Secret.of(url())), Optional.empty(), "",
                URI.create("https://slack.com/api"), URI.create("http://localhost:8080"), Duration.ofMinutes(5), 100,
                3, Duration.ofMillis(10), Duration.ofSeconds(2), false, Optional.empty(), digestInterval);
    }
}
