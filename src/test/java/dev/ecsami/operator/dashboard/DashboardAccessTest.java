package dev.ecsami.operator.dashboard;

import dev.ecsami.operator.api.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * By default the dashboard shows nothing to a request without a known token. (A request with an
 * unknown token fails authentication before: ApiAuthorizationTest checks that over HTTP.)
 */
class DashboardAccessTest {
    private static final SecurityIdentity ANONYMOUS = QuarkusSecurityIdentity.builder().setAnonymous(true).build();

    private static SecurityIdentity token(String name, String role) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(name)).addRole(role).build();
    }

    @Test
    void livePartsRefuseARequestWithoutAKnownTokenWhenReadingIsNotPublic() {
        assertThat(Reader.of(ANONYMOUS, false)).isEmpty();

        Response refused = DashboardResource.unauthorized();
        assertThat(refused.getStatus()).isEqualTo(401);
        assertThat(refused.getMediaType().toString()).isEqualTo("application/problem+json");
        assertThat(refused.getHeaderString("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void anyoneReadsWithoutActionsWhenReadingIsPublic() {
        assertThat(Reader.of(ANONYMOUS, true)).contains(Reader.ANONYMOUS);
    }

    @Test
    void aViewerTokenReadsWithActionsDisabledAndAnOperatorTokenWithThemEnabled() {
        for (boolean publicRead : new boolean[] {false, true}) {
            assertThat(Reader.of(token("view", Roles.VIEWER), publicRead))
                    .contains(new Reader(true, "view", false));
            assertThat(Reader.of(token("ops", Roles.OPERATOR), publicRead))
                    .contains(new Reader(true, "ops", true));
        }
        assertThat(Reader.of(token("view", Roles.VIEWER), false).map(Reader::disabledReason))
                .isEqualTo(Optional.of("token 'view' has the viewer role; actions need an operator token"));
    }
}
