package dev.ecsami.operator.dashboard;

import dev.ecsami.operator.api.Roles;
import io.quarkus.qute.TemplateData;
import io.quarkus.security.identity.SecurityIdentity;

import java.util.Optional;

/**
 * Who reads a page, as the token the page sent tells: no token shows no action, a viewer token
 * shows them disabled with the reason, an operator token enables them. The API checks again.
 */
@TemplateData
public record Reader(boolean known, String name, boolean operator) {
    public static final Reader ANONYMOUS = new Reader(false, "", false);

    /**
     * The reader of a live part: a known token, or anyone when reading is public; empty when refused.
     * Asking the identity authenticates the request, so an unknown token has failed before.
     */
    static Optional<Reader> of(SecurityIdentity identity, boolean publicRead) {
        if (!identity.isAnonymous()) {
            return Optional.of(new Reader(true, identity.getPrincipal().getName(), identity.hasRole(Roles.OPERATOR)));
        }
        return publicRead ? Optional.of(ANONYMOUS) : Optional.empty();
    }

    /** Why the actions are disabled, for a viewer. */
    public String disabledReason() {
        return operator ? "" : "token '" + name + "' has the viewer role; actions need an operator token";
    }
}
