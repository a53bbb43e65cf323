package dev.ecsami.operator.ingest;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Confirms by visiting the SubscribeURL, the fallback when the API call is not possible. The URL
 * is checked before any request: https, default port, no user info, an allowed SNS host and the
 * ConfirmSubscription action; redirects are never followed, so no other host is ever contacted.
 */
public final class SubscribeUrlConfirmer implements SubscriptionConfirmer {

    private static final Pattern SUBSCRIPTION_ARN = Pattern.compile("<SubscriptionArn>([^<]{1,1024})</SubscriptionArn>");

    private final Pattern allowedHost;
    private final HttpClient client;
    private final Duration timeout;

    /** @param allowedHost full-match pattern for the lower-cased host, e.g. that of {@code CertUrlPolicy.aws()} */
    public SubscribeUrlConfirmer(Pattern allowedHost, HttpClient client, Duration timeout) {
        this.allowedHost = Objects.requireNonNull(allowedHost, "allowedHost");
        this.client = Objects.requireNonNull(client, "client");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public Confirmation confirm(PendingSubscription pending) {
        URI url;
        try {
            url = new URI(pending.subscribeUrl());
        } catch (URISyntaxException e) {
            return new Confirmation.Failed("SubscribeURL is not a valid URI: " + e.getReason());
        }
        String refusal = refusal(url);
        if (refusal != null) {
            return new Confirmation.Failed("refused to visit SubscribeURL: " + refusal);
        }
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(url).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
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
    }

    private String refusal(URI url) {
        if (!"https".equalsIgnoreCase(url.getScheme())) {
            return "it must use https";
        }
        if (url.getRawUserInfo() != null || url.getPort() != -1) {
            return "it must not name user info or a port";
        }
        if (url.getHost() == null || !allowedHost.matcher(url.getHost().toLowerCase(Locale.ROOT)).matches()) {
            return "its host is not an SNS host";
        }
        if (url.getRawQuery() == null || !url.getRawQuery().contains("Action=ConfirmSubscription")) {
            return "it is not a ConfirmSubscription request";
        }
        return null;
    }
}
