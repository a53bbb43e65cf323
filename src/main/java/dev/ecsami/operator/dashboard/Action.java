package dev.ecsami.operator.dashboard;

import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutState;
import io.quarkus.qute.TemplateData;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A button that calls the API. The page's script sends it with the token the reader entered;
 * the API decides, and its problem+json answer is what the reader sees when it refuses.
 *
 * @param kind    what the page does with the answer: {@code plan} shows it, {@code start} opens
 *                the rollout it created, {@code control} refreshes the page
 * @param body    the JSON body to send, empty for none
 * @param confirm the question asked before a destructive call, empty for none
 */
@TemplateData
public record Action(String name, String label, String url, String kind, String body, String confirm) {

    static List<Action> forTarget(String target) {
        String quoted = target.replace("\\", "\\\\").replace("\"", "\\\"");
        return List.of(
                new Action("plan", "Plan", "/api/targets/" + segment(target) + "/plan", "plan", "", ""),
                new Action("start", "Start rollout", "/api/rollouts", "start", "{\"target\":\"" + quoted + "\"}",
                        "Start a rollout of " + target + " now? Its outdated instances will be drained and "
                                + "replaced one by one."));
    }

    static List<Action> forRollout(Rollout r) {
        String base = "/api/rollouts/" + segment(r.id()) + "/";
        List<Action> out = new ArrayList<>();
        if (r.state() == RolloutState.PLANNED) {
            out.add(new Action("approve", "Approve", base + "approve", "control", "", "Approve rollout " + r.id()
                    + "? It starts replacing instances at once."));
        }
        if (r.state() == RolloutState.PLANNED || r.state() == RolloutState.RUNNING) {
            out.add(new Action("pause", "Pause", base + "pause", "control", "", ""));
        }
        if (r.state() == RolloutState.PAUSED) {
            out.add(new Action("resume", "Resume", base + "resume", "control", "", ""));
        }
        if (r.state().isActive()) {
            out.add(new Action("abort", "Abort", base + "abort", "control", "", "Abort rollout " + r.id()
                    + "? Drained instances are set ACTIVE again and surge capacity is given back."));
        }
        if (!r.fromAmi().sameImage(r.toAmi().imageId())) {
            out.add(new Action("rollback", "Roll back", base + "rollback", "start", "", "Roll " + r.target()
                    + " back to " + r.fromAmi().imageId() + "?" + (r.state().isActive()
                    ? " This rollout is aborted first." : "") + " Instances are replaced the same safe way."));
        }
        return out;
    }

    private static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
