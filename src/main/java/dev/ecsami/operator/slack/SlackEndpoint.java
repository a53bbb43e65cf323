package dev.ecsami.operator.slack;

/** Where messages go: an incoming webhook or the Web API with a bot token. Called by the sender thread only. */
interface SlackEndpoint {

    SendOutcome deliver(Delivery delivery);

    /** "webhook" or "bot", for logs and metric tags. */
    String mode();
}
