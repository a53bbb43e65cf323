package dev.ecsami.operator.dashboard;

import dev.ecsami.operator.api.ProblemMappers;
import dev.ecsami.operator.config.OperatorConfig;
import dev.ecsami.operator.runtime.RolloutCommands;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.Optional;

/**
 * The dashboard: server-rendered pages that read the way the API does, and the live parts of
 * each page that its script fetches again every refresh-interval. A page shows data to a request
 * that carries a known token, or to anyone when operator.dashboard.public-read is on; otherwise
 * it is an empty shell that asks for a token. Open to all ({@code @PermitAll}): what a page shows
 * depends on the caller, which {@link Reader#of} decides; an unknown token is refused with 401.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class DashboardResource {
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

    private final SecurityIdentity identity;
    private final OperatorConfig.Dashboard settings;
    private final DashboardData data;
    private final RolloutCommands commands;

    public DashboardResource(SecurityIdentity identity, OperatorConfig config, DashboardData data, RolloutCommands commands) {
        this.identity = identity;
        this.settings = config.dashboard();
        this.data = data;
        this.commands = commands;
    }

    @GET
    @PermitAll
    @Operation(hidden = true)
    public TemplateInstance overview(@QueryParam("target") String target, @QueryParam("state") String state,
                                     @QueryParam("page") @DefaultValue("1") int page) {
        Shell shell = shell("/parts/overview", "ECS AMI operator");
        return Templates.overview(shell.readable() ? data.overview(Reader.ANONYMOUS, target, state, page)
                : null, shell);
    }

    @GET
    @PermitAll
    @Path("parts/overview")
    @Operation(hidden = true)
    public Response overviewPart(@QueryParam("target") String target, @QueryParam("state") String state,
                                 @QueryParam("page") @DefaultValue("1") int page) {
        Optional<Reader> reader = Reader.of(identity, settings.publicRead());
        if (reader.isEmpty()) {
            return unauthorized();
        }
        return Response.ok(Templates.overview$live(data.overview(reader.get(), target, state, page)))
                .build();
    }

    @GET
    @PermitAll
    @Path("rollouts/{id}")
    @Operation(hidden = true)
    public TemplateInstance rollout(@PathParam("id") String id, @QueryParam("page") @DefaultValue("1") int page,
                                    @QueryParam("events") @DefaultValue("1") int events) {
        Shell shell = shell("/parts/rollouts/" + id, "Rollout " + id);
        return Templates.rollout(shell.readable() ? page(id, Reader.ANONYMOUS, page, events) : null, shell);
    }

    @GET
    @PermitAll
    @Path("parts/rollouts/{id}")
    @Operation(hidden = true)
    public Response rolloutPart(@PathParam("id") String id,
                                @QueryParam("page") @DefaultValue("1") int page,
                                @QueryParam("events") @DefaultValue("1") int events) {
        Optional<Reader> reader = Reader.of(identity, settings.publicRead());
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

    static Response unauthorized() {
        return ProblemMappers.unauthorized("a valid bearer token is required (or operator.dashboard.public-read=true)");
    }
}
