package dev.ecsami.operator.dashboard;

import dev.ecsami.operator.api.ApiConfig;
import dev.ecsami.operator.api.ApiTokens;
import dev.ecsami.operator.config.OperatorConfig;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** By default the dashboard shows nothing to a request without a known token. */
class DashboardAccessTest {

    @Test
    void livePartsRefuseARequestWithoutAKnownTokenWhenReadingIsNotPublic() {
        OperatorConfig config = Mockito.mock(OperatorConfig.class);
        OperatorConfig.Dashboard dashboard = Mockito.mock(OperatorConfig.Dashboard.class);
        Mockito.when(config.dashboard()).thenReturn(dashboard);
        Mockito.when(dashboard.publicRead()).thenReturn(false);
        Mockito.when(dashboard.refreshInterval()).thenReturn(Duration.ofSeconds(2));
        ApiTokens tokens = ApiTokens.from(Map.of("ops", new ApiConfig.TokenConfig() {
            @Override
            public String secret() {
                return "operator-secret-0123456789";
            }

            @Override
            public ApiConfig.Role role() {
                return ApiConfig.Role.OPERATOR;
            }
        }), Optional.empty());
        DashboardResource resource = new DashboardResource(tokens, config, null, null);

        for (String auth : new String[] {null, "Bearer wrong-secret-0123456789", "Basic b3BzOm9wcw=="}) {
            Response overview = resource.overviewPart(auth, null, null, 1);
            Response rollout = resource.rolloutPart(auth, "r-1", 1, 1);
            assertThat(overview.getStatus()).isEqualTo(401);
            assertThat(rollout.getStatus()).isEqualTo(401);
            assertThat(overview.getMediaType().toString()).isEqualTo("application/problem+json");
        }
    }
}
