package dev.ecsami.operator.dashboard;

import dev.ecsami.operator.api.ApiTokens;
import dev.ecsami.operator.api.Problem;
import dev.ecsami.operator.config.OperatorConfig;
import dev.ecsami.operator.runtime.RolloutCommands;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.Optional;

/**
 * The dashboard: server-rendered pages that read the way the API does, and the live parts of
 * each page that its script fetches again every refresh-interval. A page shows data to a request
 * that carries a known token, or to anyone when operator.dashboard.public-read is on; otherwise
 * it is an empty shell that asks for a token.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class DashboardResource {
    private static final String BEARER = "Bearer ";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance overview(OverviewPage page, Shell shell);

        static native TemplateInstance overview$live(OverviewPage page);

        static native TemplateInstance rollout(RolloutPage page, Shell shell);

        static native TemplateInstance rollout$live(RolloutPage page);
    }

    /**
     * What every page carries besides its data.
     *
     * @param part the URL of the page's live part, which the script fetches again
     */
    @io.quarkus.qute.TemplateData
    record Shell(boolean readable, boolean publicRead, long refreshMillis, String part, String title) {
    }

    private final ApiTokens tokens;
    private final OperatorConfig.Dashboard settings;
    private final DashboardData data;
    private final RolloutCommands commands;

    public DashboardResource(ApiTokens tokens, OperatorConfig config, DashboardData data, RolloutCommands commands) {
        this.tokens = tokens;
        this.settings = config.dashboard();
        this.data = data;
        this.commands = commands;
    }

    @GET
    @Operation(hidden = true)
    public TemplateInstance overview(@QueryParam("target") String target, @QueryParam("state") String state,
                                     @QueryParam("page") @DefaultValue("1") int page) {
        Shell shell = shell("/parts/overview", "ECS AMI operator");
        return Templates.overview(shell.readable() ? data.overview(Reader.ANONYMOUS, target, state, page)
                : null, shell);
    }

    @GET
    @Path("parts/overview")
    @Operation(hidden = true)
    public Response overviewPart(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth,
                                 @QueryParam("target") String target, @QueryParam("state") String state,
                                 @QueryParam("page") @DefaultValue("1") int page) {
        Optional<Reader> reader = reader(auth);
        if (reader.isEmpty()) {
            return unauthorized();
        }
        return Response.ok(Templates.overview$live(data.overview(reader.get(), target, state, page)))
                .build();
    }

    @GET
    @Path("rollouts/{id}")
    @Operation(hidden = true)
    public TemplateInstance rollout(@PathParam("id") String id, @QueryParam("page") @DefaultValue("1") int page,
                                    @QueryParam("events") @DefaultValue("1") int events) {
        Shell shell = shell("/parts/rollouts/" + id, "Rollout " + id);
        return Templates.rollout(shell.readable() ? page(id, Reader.ANONYMOUS, page, events) : null, shell);
    }

    @GET
    @Path("parts/rollouts/{id}")
    @Operation(hidden = true)
    public Response rolloutPart(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth, @PathParam("id") String id,
                                @QueryParam("page") @DefaultValue("1") int page,
                                @QueryParam("events") @DefaultValue("1") int events) {
        Optional<Reader> reader = reader(auth);
        if (reader.isEmpty()) {
            return unauthorized();
        }
        return Response.ok(Templates.rollout$live(page(id, reader.get(), page, events))).build();
    }

    private RolloutPage page(String id, Reader reader, int page, int events) {
        return RolloutPage.of(commands.get(id), commands.now(), reader, page, events, settings.pageSize());
    }

    private Shell shell(String part, String title) {
        return new Shell(settings.publicRead(), settings.publicRead(), settings.refreshInterval().toMillis(), part,
                title);
    }

    /** The reader of a live part: a known token, or anyone when reading is public; empty when refused. */
    private Optional<Reader> reader(String authorization) {
        if (authorization != null && authorization.startsWith(BEARER)) {
            return tokens.authenticate(authorization.substring(BEARER.length()).strip()).map(c ->
                    Reader.of(Optional.of(c)));
        }
        return settings.publicRead() ? Optional.of(Reader.ANONYMOUS) : Optional.empty();
    }

    private static Response unauthorized() {
        return Response.fromResponse(Problem.response(Response.Status.UNAUTHORIZED,
                        "a valid bearer token is required (or operator.dashboard.public-read=true)", null))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"ecs-ami-operator\"").build();
    }
}
