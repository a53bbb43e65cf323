package dev.ecsami.operator.slack;

import dev.ecsami.operator.store.TestJson;
import dev.ecsami.operator.testing.MutableClock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.ecsami.operator.core.model.AmiRef;
import dev.ecsami.operator.core.model.RolloutPolicy;
import dev.ecsami.operator.core.model.Target;
import dev.ecsami.operator.core.port.Notifier.Behind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.ecsami.operator.slack.RolloutScript.T0;
import static org.assertj.core.api.Assertions.assertThat;

class SlackNotifiersTest {
    @RegisterExtension
    static WireMockExtension slack = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static final String PATH = "/services/T0/B0/hook";
    private final MutableClock clock = new MutableClock(T0);

    @Test
    void withoutWebhookOrBotTokenThereIsNoSlackNotifier() {
        assertThat(SlackNotifier.slack(TestJson.MAPPER, new TestSettings().build(), clock, Optional.empty())).isEmpty();
    }

    @Test
    void theModeFollowsTheSettings() {
        try (SlackNotifier webhook = SlackNotifier.slack(TestJson.MAPPER, TestSettings.webhook("http://127.0.0.1:1/x").build(), clock,
                Optional.empty()).orElseThrow();
             SlackNotifier bot = SlackNotifier.slack(TestJson.MAPPER, TestSettings.bot("http://127.0.0.1:1/api", "xoxb-1", "C1").build(),
                     clock, Optional.empty()).orElseThrow()) {
            assertThat(webhook).hasToString("SlackNotifier[webhook]");
            assertThat(bot).hasToString("SlackNotifier[bot]");
        }
    }

    @Test
    void aTargetBehindIsAnnouncedOnceUntilANewerAmiOrAPendingRolloutAppears() {
        slack.stubFor(post(PATH).willReturn(aResponse().withBody("ok")));
        Target web = RolloutScript.target(RolloutPolicy.defaults());
        try (SlackNotifier notifier = SlackNotifier.slack(TestJson.MAPPER, TestSettings.webhook(slack.baseUrl() + PATH).build(), clock,
                Optional.empty()).orElseThrow()) {
            Behind behind = new Behind(web, RolloutScript.OLD, RolloutScript.NEW, "");

            notifier.targetsBehind(List.of(behind));
            notifier.targetsBehind(List.of(behind));
            notifier.targetsBehind(List.of(behind));
            notifier.targetsBehind(List.of(new Behind(web, RolloutScript.OLD, RolloutScript.NEW, "r-7")));
            notifier.targetsBehind(List.of(new Behind(web, RolloutScript.OLD, AmiRef.of("ami-0bbbbbbbbbbbbbbbb"), "")));
            notifier.targetsBehind(List.of());

            Eventually.await(Duration.ofSeconds(5), "three announcements",
                    () -> notifier.metrics().sentCount() >= 3 && notifier.idle());
        }
        slack.verify(3, postRequestedFor(urlEqualTo(PATH)));
        assertThat(Received.inOrder(slack)).extracting(r -> r.getBodyAsString().contains("r-7"))
                .containsExactly(false, true, false);
    }
}
