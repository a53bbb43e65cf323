package dev.ecsami.operator.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/** The API's token registry, read once at start-up. */
@ApplicationScoped
public class ApiBeans {
    private static final Logger LOG = Logger.getLogger(ApiBeans.class);

    @Produces
    @Singleton
    ApiTokens tokens(ApiConfig config) {
        ApiTokens tokens = ApiTokens.from(config.tokens(), config.tokensFile());
        if (tokens.isEmpty()) {
            LOG.warn("no API token is configured (operator.api.tokens.<name>.secret or operator.api.tokens-file): "
                    + "every call under /api answers 401");
        }
        return tokens;
    }
}
