package dev.ecsami.operator.aws;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * WireMock on 127.0.0.1 standing in for the AWS endpoints of one test class, with SDK clients
 * against it built on first use and closed after the class.
 */
final class AwsEndpoint extends WireMockExtension {
    private AwsClients clients;

    AwsEndpoint() {
        super(WireMockExtension.newInstance().options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()
                .jettyAcceptors(1).containerThreads(8)));
    }

    synchronized AwsClients clients() {
        if (clients == null) {
            clients = stub().clients();
        }
        return clients;
    }

    AwsStub stub() {
        return new AwsStub(this);
    }

    @Override
    protected synchronized void onAfterAll(WireMockRuntimeInfo info) {
        if (clients != null) {
            clients.close();
            clients = null;
        }
    }
}
