package dev.ecsami.operator.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsami.operator.ingest.SubscriptionConfirmer.Confirmation;
import dev.ecsami.operator.ingest.SubscriptionConfirmer.PendingSubscription;
import dev.ecsami.operator.ingest.sns.CertUrlPolicy;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SubscriptionConfirmerTest {

    private static final String TOPIC = Announcements.TOPIC;

    @ParameterizedTest
    @ValueSource(strings = {
        "http://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&Token=t",
        "https://sns.us-east-1.amazonaws.com.evil.example/?Action=ConfirmSubscription&Token=t",
        "https://evil.example/?Action=ConfirmSubscription&Token=t",
        "https://sns.us-east-1.amazonaws.com:8443/?Action=ConfirmSubscription&Token=t",
        "https://user@sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&Token=t",
        "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&Token=t",
        "not a url"})
    void subscribeUrlOutsideSnsIsRefusedBeforeAnyRequest(String subscribeUrl) {
        SubscriptionConfirmer confirmer = SnsSubscriptions.visitingSubscribeUrl(CertUrlPolicy.aws().allowedHost(),
                HttpClient.newHttpClient(), Duration.ofSeconds(1));

        Confirmation confirmation = confirmer.confirm(new PendingSubscription(TOPIC, "t", subscribeUrl));

        assertThat(confirmation).isInstanceOf(Confirmation.Failed.class);
        assertThat(((Confirmation.Failed) confirmation).detail()).containsAnyOf("refused", "not a valid URI");
    }

    @Test
    void fallbackIsNotUsedWhenTheApiConfirms() {
        List<String> used = new ArrayList<>();
        SubscriptionConfirmer confirmer = SubscriptionConfirmer.withFallback(
                answering(used, "api", new Confirmation.Confirmed("arn:api")),
                answering(used, "url", new Confirmation.Confirmed("arn:url")));

        Confirmation confirmation = confirmer.confirm(new PendingSubscription(TOPIC, "t", "https://x"));

        assertThat(confirmation).isEqualTo(new Confirmation.Confirmed("arn:api"));
        assertThat(used).containsExactly("api");
    }

    @Test
    void fallbackConfirmsWhenTheApiFails() {
        List<String> used = new ArrayList<>();
        SubscriptionConfirmer confirmer = SubscriptionConfirmer.withFallback(
                answering(used, "api", new Confirmation.Failed("no credentials")),
                answering(used, "url", new Confirmation.Confirmed("arn:url")));

        Confirmation confirmation = confirmer.confirm(new PendingSubscription(TOPIC, "t", "https://x"));

        assertThat(confirmation).isEqualTo(new Confirmation.Confirmed("arn:url"));
        assertThat(used).containsExactly("api", "url");
    }

    @Test
    void bothFailuresAreReported() {
        SubscriptionConfirmer confirmer = SubscriptionConfirmer.withFallback(
                answering(new ArrayList<>(), "api", new Confirmation.Failed("no credentials")),
                answering(new ArrayList<>(), "url", new Confirmation.Failed("host unreachable")));

        Confirmation confirmation = confirmer.confirm(new PendingSubscription(TOPIC, "t", "https://x"));

        assertThat(((Confirmation.Failed) confirmation).detail()).contains("no credentials", "host unreachable");
    }

    private static SubscriptionConfirmer answering(List<String> used, String name, Confirmation answer) {
        return pending -> {
            used.add(name);
            return answer;
        };
    }
}
