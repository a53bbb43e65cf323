package dev.ecsami.operator.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Settings of the HTTP API under /api. */
@ConfigMapping(prefix = "operator.api")
public interface ApiConfig {

    enum Role {
        VIEWER(Roles.VIEWER), OPERATOR(Roles.OPERATOR);

        private final String roleName;

        Role(String roleName) {
            this.roleName = roleName;
        }

        /** The role as {@code @RolesAllowed} names it. */
        public String roleName() {
            return roleName;
        }
    }

    /** Bearer tokens by name; the name is recorded with every mutation the token makes. */
    Map<String, TokenConfig> tokens();

    /**
     * A file of further tokens, one per line: {@code <name> <viewer|operator> sha256:<hex of the
     * secret's SHA-256>}; blank lines and lines starting with # are ignored.
     */
    Optional<Path> tokensFile();

    /** Whether POST /api/rollouts may name a cluster and group that no target configures. */
    @WithDefault("false")
    boolean allowUnconfiguredTargets();

    /** Rollouts per page of GET /api/rollouts when no limit is given. */
    @WithDefault("50")
    int defaultPageSize();

    interface TokenConfig {
        /** The bearer secret. Give it through an environment variable or a secret store. */
        String secret();

        @WithDefault("viewer")
        Role role();
    }
}
