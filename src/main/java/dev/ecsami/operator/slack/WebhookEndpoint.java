package dev.ecsami.operator.slack;

import java.net.URI;
import java.util.Optional;

/**
 * An incoming webhook: every delivery is a new message in the webhook's channel. Webhook messages
 * cannot be edited, so statuses are posted, not updated.
 */
final class WebhookEndpoint implements SlackEndpoint {
    private final SlackHttp http;
    private final URI url;

    WebhookEndpoint(SlackHttp http, Secret url) {
        this.http = http;
        try {
            this.url = URI.create(url.reveal());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the webhook URL is not a valid URI (value hidden)");
        }
    }

    @Override
    public SendOutcome deliver(Delivery delivery) {
        return http.post(url, Optional.empty(), delivery.message().payload().toString(),
                response -> SendOutcome.Sent.webhook());
    }

    @Override
    public String mode() {
        return "webhook";
    }
}
