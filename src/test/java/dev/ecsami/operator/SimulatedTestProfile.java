package dev.ecsami.operator;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.HashMap;
import java.util.Map;

/**
 * The one profile the Quarkus tests share (each distinct profile restarts the application): the
 * simulated backend with four targets, virtual time 200 times the wall clock, and two API tokens.
 * Tests share the simulated world, so each uses its own target: "demo" is never rolled (ingest
 * tests expect it behind), "fleet" is rolled to completion, "ctl" is steered by hand, "other"
 * waits for approval, and the dashboard's browser tests watch "web" and steer "webctl". The
 * dashboard is readable without a token, as in the demo.
 */
public class SimulatedTestProfile implements QuarkusTestProfile {
    public static final String OPERATOR_TOKEN = "operator-secret-0123456789";
    public static final String VIEWER_TOKEN = "viewer-secret-0123456789";

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> c = new HashMap<>();
        c.put("operator.backend", "simulated");
        c.put("operator.store.kind", "memory");
        c.put("operator.simulation.speed", "200");
        c.put("operator.simulation.instances", "3");
        c.put("operator.scheduler.tick-interval", "50ms");
        c.put("operator.ami-check.on-startup", "false");
        c.put("operator.targets.demo.cluster", "demo-cluster");
        c.put("operator.targets.demo.auto-scaling-group", "demo-asg");
        c.put("operator.targets.demo.ami", "amazon-linux-2023");
        c.put("operator.targets.demo.on-new-ami", "notify");
        c.put("operator.targets.demo.poll-interval", "5s");
        for (String t : new String[] {"fleet", "ctl", "web", "webctl"}) {
            c.put("operator.targets." + t + ".cluster", t + "-cluster");
            c.put("operator.targets." + t + ".auto-scaling-group", t + "-asg");
            c.put("operator.targets." + t + ".ami", "amazon-linux-2023");
            c.put("operator.targets." + t + ".on-new-ami", "notify");
            c.put("operator.targets." + t + ".poll-interval", "5s");
        }
        c.put("operator.targets.other.cluster", "other-cluster");
        c.put("operator.targets.other.auto-scaling-group", "other-asg");
        c.put("operator.targets.other.ami", "ssm:/custom/golden-ami");
        c.put("operator.targets.other.on-new-ami", "approve");
        c.put("operator.targets.other.poll-interval", "5s");
        // The AWS adapters are wired but never called on the simulated backend.
        c.put("operator.aws.region", "eu-west-1");
        c.put("operator.aws.endpoint", "http://127.0.0.1:9");
        c.put("operator.aws.api-call-timeout", "5s");
        c.put("operator.aws.api-call-attempt-timeout", "2s");
        c.put("operator.api.tokens.ops.secret", OPERATOR_TOKEN);
        c.put("operator.api.tokens.ops.role", "operator");
        c.put("operator.api.tokens.view.secret", VIEWER_TOKEN);
        c.put("operator.api.tokens.view.role", "viewer");
        c.put("operator.dashboard.public-read", "true");
        c.put("operator.dashboard.refresh-interval", "300ms");
        return c;
    }
}
