package dev.ecsami.operator.ingest;

/** Handles the body of one queue message; anything but {@link Handled.Failed} lets the poller delete it. */
@FunctionalInterface
public interface QueueMessageHandler {

    Handled handle(String messageId, String body);
}
