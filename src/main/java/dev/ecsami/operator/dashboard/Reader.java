package dev.ecsami.operator.dashboard;

import dev.ecsami.operator.api.ApiConfig;
import dev.ecsami.operator.api.ApiTokens;
import io.quarkus.qute.TemplateData;

import java.util.Optional;

/**
 * Who reads a page, as the token the page sent tells: no token shows no action, a viewer token
 * shows them disabled with the reason, an operator token enables them. The API checks again.
 */
@TemplateData
public record Reader(boolean known, String name, boolean operator) {
    public static final Reader ANONYMOUS = new Reader(false, "", false);

    static Reader of(Optional<ApiTokens.Caller> caller) {
        return caller.map(c -> new Reader(true, c.name(), c.role() == ApiConfig.Role.OPERATOR)).orElse(ANONYMOUS);
    }

    /** Why the actions are disabled, for a viewer. */
    public String disabledReason() {
        return operator ? "" : "token '" + name + "' has the viewer role; actions need an operator token";
    }
}
