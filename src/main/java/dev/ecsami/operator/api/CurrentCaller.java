package dev.ecsami.operator.api;

import jakarta.enterprise.context.RequestScoped;

/** Who makes the current API request, as the bearer filter found. */
@RequestScoped
public class CurrentCaller {
    private ApiTokens.Caller caller;

    void set(ApiTokens.Caller c) {
        caller = c;
    }

    /** The token name, recorded with every mutation. */
    public String name() {
        return caller == null ? "anonymous" : caller.name();
    }

    /** The caller as authenticated, if the request carried a known token. */
    public java.util.Optional<ApiTokens.Caller> caller() {
        return java.util.Optional.ofNullable(caller);
    }
}
