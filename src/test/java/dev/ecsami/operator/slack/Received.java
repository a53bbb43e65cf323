package dev.ecsami.operator.slack;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What the fake Slack received, oldest first (WireMock lists newest first; timestamps tie within a millisecond). */
final class Received {
    private Received() {
    }

    static List<LoggedRequest> inOrder(WireMockExtension slack) {
        List<ServeEvent> events = new ArrayList<>(slack.getAllServeEvents());
        Collections.reverse(events);
        return events.stream().map(ServeEvent::getRequest).toList();
    }
}
