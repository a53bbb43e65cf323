package dev.ecsami.operator.dashboard;

import dev.ecsami.operator.config.OperatorConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.HttpServerStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import org.jboss.logging.Logger;

/** Refuses to start with dashboard settings that make no sense, and says where to watch the simulated world. */
@ApplicationScoped
public class DashboardStartup {
    private static final Logger LOG = Logger.getLogger(DashboardStartup.class);

    void validate(@Observes StartupEvent ev, OperatorConfig config) {
        OperatorConfig.Dashboard d = config.dashboard();
        if (d.pageSize() < 1 || d.pageSize() > 500) {
            throw new IllegalStateException("operator.dashboard.page-size must be 1 to 500, was " + d.pageSize());
        }
        if (d.refreshInterval().toMillis() < 100) {
            throw new IllegalStateException("operator.dashboard.refresh-interval must be at least 100ms, was "
                    + d.refreshInterval());
        }
    }

    void announce(@ObservesAsync HttpServerStart started, OperatorConfig config) {
        if (config.backend() == OperatorConfig.Backend.SIMULATED && !config.simulation().exitWhenIdle()) {
            LOG.infof("dashboard: http://localhost:%d/ (Ctrl-C to stop)", started.options().getPort());
        }
    }
}
