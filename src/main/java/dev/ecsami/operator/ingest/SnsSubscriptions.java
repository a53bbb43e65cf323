package dev.ecsami.operator.ingest;

import dev.ecsami.operator.ingest.SubscriptionConfirmer.Confirmation;
import dev.ecsami.operator.ingest.SubscriptionConfirmer.PendingSubscription;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.AuthorizationErrorException;
import software.amazon.awssdk.services.sns.model.Subscription;

/**
 * The subscription of {@code POST /sns} to its topics, through the SNS API: subscribing at start-up
 * (idempotent, it looks before subscribing) and confirming through ConfirmSubscription, with a visit
 * of the SubscribeURL as the fallback ({@link #visitingSubscribeUrl}).
 */
public final class SnsSubscriptions {

    /** The SubscriptionArn SNS reports until the endpoint confirmed; subscribing again resends the confirmation. */
    private static final String PENDING = "PendingConfirmation";
    private static final Pattern SUBSCRIPTION_ARN = Pattern.compile("<SubscriptionArn>([^<]{1,1024})</SubscriptionArn>");

    private final SnsClient sns;

    public SnsSubscriptions(SnsClient sns) {
        this.sns = Objects.requireNonNull(sns, "sns");
    }

    public sealed interface Outcome {
        /** A subscription for the endpoint exists; its ARN is "PendingConfirmation" until confirmed. */
        record AlreadySubscribed(String subscriptionArn) implements Outcome {
        }

        record Subscribed(String subscriptionArn) implements Outcome {
        }

        record Failed(String detail) implements Outcome {
        }
    }

    /** Makes sure the https endpoint is subscribed to the topic, without creating a second subscription. */
    public Outcome ensureSubscribed(String topicArn, String endpointUrl) {
        try {
            Optional<Subscription> existing = existing(topicArn, endpointUrl);
            if (existing.isPresent() && !PENDING.equals(existing.get().subscriptionArn())) {
                return new Outcome.AlreadySubscribed(existing.get().subscriptionArn());
            }
            String arn = sns.subscribe(r -> r.topicArn(topicArn).protocol("https").endpoint(endpointUrl)
                    .returnSubscriptionArn(true)).subscriptionArn();
            return new Outcome.Subscribed(arn);
        } catch (SdkException e) {
            return new Outcome.Failed(e.getMessage());
        }
    }

    /**
     * Looks with ListSubscriptionsByTopic; a topic of another account (such as the AWS-owned ECS AMI
     * topic) refuses that to non-owners, so then the caller's own subscriptions are searched.
     */
    private Optional<Subscription> existing(String topicArn, String endpointUrl) {
        List<Subscription> candidates;
        try {
            candidates = sns.listSubscriptionsByTopicPaginator(r -> r.topicArn(topicArn)).subscriptions().stream()
                    .toList();
        } catch (AuthorizationErrorException e) {
            candidates = sns.listSubscriptionsPaginator().subscriptions().stream()
                    .filter(s -> topicArn.equals(s.topicArn())).toList();
        }
        return candidates.stream().filter(s -> "https".equals(s.protocol()) && endpointUrl.equals(s.endpoint()))
                .findFirst();
    }

    /** Confirms through the SNS ConfirmSubscription API; unsubscribing then needs AWS credentials. */
    public Confirmation confirmThroughApi(PendingSubscription pending) {
        try {
            return new Confirmation.Confirmed(sns.confirmSubscription(request -> request
                    .topicArn(pending.topicArn())
                    .token(pending.token())
                    .authenticateOnUnsubscribe("true")).subscriptionArn());
        } catch (SdkException e) {
            return new Confirmation.Failed("ConfirmSubscription failed: " + e.getMessage());
        }
    }

    /**
     * Confirms by visiting the SubscribeURL, the fallback when the API call is not possible. The URL is
     * checked before any request: https, default port, no user info, an allowed SNS host and the
     * ConfirmSubscription action; redirects are never followed, so no other host is ever contacted.
     *
     * @param allowedHost full-match pattern for the lower-cased host, e.g. that of {@code CertUrlPolicy.aws()}
     */
    public static SubscriptionConfirmer visitingSubscribeUrl(Pattern allowedHost, HttpClient client,
                                                             Duration timeout) {
        Objects.requireNonNull(allowedHost, "allowedHost");
        return pending -> {
            URI url;
            try {
                url = new URI(pending.subscribeUrl());
            } catch (URISyntaxException e) {
                return new Confirmation.Failed("SubscribeURL is not a valid URI: " + e.getReason());
            }
            Optional<String> refusal = refusal(url, allowedHost);
            if (refusal.isPresent()) {
                return new Confirmation.Failed("refused to visit SubscribeURL: " + refusal.get());
            }
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(url).timeout(timeout).GET()
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    return new Confirmation.Failed("SubscribeURL answered HTTP " + response.statusCode());
                }
                Matcher arn = SUBSCRIPTION_ARN.matcher(response.body());
                return new Confirmation.Confirmed(arn.find() ? arn.group(1) : "(not reported)");
            } catch (IOException e) {
                return new Confirmation.Failed("SubscribeURL could not be reached: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Confirmation.Failed("interrupted while visiting SubscribeURL");
            }
        };
    }

    private static Optional<String> refusal(URI url, Pattern allowedHost) {
        if (!"https".equalsIgnoreCase(url.getScheme())) {
            return Optional.of("it must use https");
        }
        if (url.getRawUserInfo() != null || url.getPort() != -1) {
            return Optional.of("it must not name user info or a port");
        }
        if (url.getHost() == null || !allowedHost.matcher(url.getHost().toLowerCase(Locale.ROOT)).matches()) {
            return Optional.of("its host is not an SNS host");
        }
        if (url.getRawQuery() == null || !url.getRawQuery().contains("Action=ConfirmSubscription")) {
            return Optional.of("it is not a ConfirmSubscription request");
        }
        return Optional.empty();
    }
}
