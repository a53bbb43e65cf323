package dev.ecsami.operator.ingest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;

/** The SNS API adapters (subscribe at start-up, confirm) against a stub SNS speaking the query protocol. */
class SnsApiTest {

    private static final String TOPIC = Announcements.TOPIC;
    private static final String ENDPOINT = "https://operator.example.com/sns";
    private static final String NS = " xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"";

    private WireMockServer sns;
    private SnsClient client;

    @BeforeEach
    void start() {
        sns = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        sns.start();
        client = SnsClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + sns.port()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        sns.stop();
    }

    @Test
    void endpointAlreadySubscribedIsNotSubscribedAgain() {
        answer("ListSubscriptionsByTopic", 200, "<ListSubscriptionsByTopicResponse" + NS
                + "><ListSubscriptionsByTopicResult><Subscriptions>" + member("arn:sub:existing")
                + "</Subscriptions></ListSubscriptionsByTopicResult></ListSubscriptionsByTopicResponse>");

        SnsSubscriptions.Outcome outcome = new SnsSubscriptions(client).ensureSubscribed(TOPIC, ENDPOINT);

        assertThat(outcome).isEqualTo(new SnsSubscriptions.Outcome.AlreadySubscribed("arn:sub:existing"));
        sns.verify(0, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=Subscribe&")));
    }

    @Test
    void missingSubscriptionIsCreatedForTheHttpsEndpoint() {
        answer("ListSubscriptionsByTopic", 200, "<ListSubscriptionsByTopicResponse" + NS
                + "><ListSubscriptionsByTopicResult><Subscriptions/></ListSubscriptionsByTopicResult>"
                + "</ListSubscriptionsByTopicResponse>");
        answer("Subscribe", 200, "<SubscribeResponse" + NS + "><SubscribeResult><SubscriptionArn>arn:sub:new"
                + "</SubscriptionArn></SubscribeResult></SubscribeResponse>");

        SnsSubscriptions.Outcome outcome = new SnsSubscriptions(client).ensureSubscribed(TOPIC, ENDPOINT);

        assertThat(outcome).isEqualTo(new SnsSubscriptions.Outcome.Subscribed("arn:sub:new"));
        sns.verify(1, postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=Subscribe&"))
                .withRequestBody(containing("Protocol=https"))
                .withRequestBody(containing("Endpoint=https%3A%2F%2Foperator.example.com%2Fsns"))
                .withRequestBody(containing("ReturnSubscriptionArn=true")));
    }

    @Test
    void subscriptionStillPendingIsRequestedAgainSoSnsResendsTheConfirmation() {
        answer("ListSubscriptionsByTopic", 200, "<ListSubscriptionsByTopicResponse" + NS
                + "><ListSubscriptionsByTopicResult><Subscriptions>" + member("PendingConfirmation")
                + "</Subscriptions></ListSubscriptionsByTopicResult></ListSubscriptionsByTopicResponse>");
        answer("Subscribe", 200, "<SubscribeResponse" + NS + "><SubscribeResult><SubscriptionArn>pending confirmation"
                + "</SubscriptionArn></SubscribeResult></SubscribeResponse>");

        SnsSubscriptions.Outcome outcome = new SnsSubscriptions(client).ensureSubscribed(TOPIC, ENDPOINT);

        assertThat(outcome).isEqualTo(new SnsSubscriptions.Outcome.Subscribed("pending confirmation"));
        sns.verify(1, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=Subscribe&")));
    }

    @Test
    void topicOfAnotherAccountIsSearchedInOwnSubscriptions() {
        answer("ListSubscriptionsByTopic", 403, "<ErrorResponse" + NS + "><Error><Type>Sender</Type>"
                + "<Code>AuthorizationError</Code><Message>not the topic owner</Message></Error>"
                + "<RequestId>r</RequestId></ErrorResponse>");
        answer("ListSubscriptions", 200, "<ListSubscriptionsResponse" + NS + "><ListSubscriptionsResult><Subscriptions>"
                + member("arn:sub:mine") + "</Subscriptions></ListSubscriptionsResult></ListSubscriptionsResponse>");

        SnsSubscriptions.Outcome outcome = new SnsSubscriptions(client).ensureSubscribed(TOPIC, ENDPOINT);

        assertThat(outcome).isEqualTo(new SnsSubscriptions.Outcome.AlreadySubscribed("arn:sub:mine"));
    }

    @Test
    void confirmationUsesTheTokenAndRequiresAuthenticationToUnsubscribe() {
        answer("ConfirmSubscription", 200, "<ConfirmSubscriptionResponse" + NS + "><ConfirmSubscriptionResult>"
                + "<SubscriptionArn>arn:sub:confirmed</SubscriptionArn></ConfirmSubscriptionResult>"
                + "</ConfirmSubscriptionResponse>");

        SubscriptionConfirmer.Confirmation confirmation = new SnsSubscriptions(client).confirmThroughApi(
                new SubscriptionConfirmer.PendingSubscription(TOPIC, "token-123", "https://unused"));

        assertThat(confirmation).isEqualTo(new SubscriptionConfirmer.Confirmation.Confirmed("arn:sub:confirmed"));
        sns.verify(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Token=token-123"))
                .withRequestBody(containing("AuthenticateOnUnsubscribe=true")));
    }

    @Test
    void refusedConfirmationIsReportedAsFailed() {
        answer("ConfirmSubscription", 400, "<ErrorResponse" + NS + "><Error><Type>Sender</Type>"
                + "<Code>InvalidParameter</Code><Message>Invalid token</Message></Error>"
                + "<RequestId>r</RequestId></ErrorResponse>");

        SubscriptionConfirmer.Confirmation confirmation = new SnsSubscriptions(client).confirmThroughApi(
                new SubscriptionConfirmer.PendingSubscription(TOPIC, "stale", "https://unused"));

        assertThat(confirmation).isInstanceOf(SubscriptionConfirmer.Confirmation.Failed.class);
        assertThat(((SubscriptionConfirmer.Confirmation.Failed) confirmation).detail()).contains("Invalid token");
    }

    private void answer(String action, int status, String xml) {
        sns.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=" + action + "&"))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody(xml)));
    }

    private static String member(String subscriptionArn) {
        return "<member><TopicArn>" + TOPIC + "</TopicArn><Protocol>https</Protocol><SubscriptionArn>"
                + subscriptionArn + "</SubscriptionArn><Owner>111122223333</Owner><Endpoint>" + ENDPOINT
                + "</Endpoint></member>";
    }
}
