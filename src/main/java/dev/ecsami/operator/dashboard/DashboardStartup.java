package dev.ecsami.operator.dashboard;

import dev.ecsami.operator.config.OperatorConfig;
import io.quarkus.vertx.http.HttpServerStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import org.jboss.logging.Logger;

/** Says where to watch the simulated world. */
@ApplicationScoped
public class DashboardStartup {
    private static final Logger LOG = Logger.getLogger(DashboardStartup.class);

    void announce(@ObservesAsync HttpServerStart started, OperatorConfig config) {
        if (config.backend() == OperatorConfig.Backend.SIMULATED && !config.simulation().exitWhenIdle()) {
            LOG.infof("dashboard: http://localhost:%d/ (Ctrl-C to stop)", started.options().getPort());
        }
    }
}
