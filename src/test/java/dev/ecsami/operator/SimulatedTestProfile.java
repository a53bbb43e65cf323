package dev.ecsami.operator;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The one profile for {@code @QuarkusTest}s: the embedded simulated AWS, an in-memory store and a
 * single target whose policy only notifies, with no AMI check at start-up. Every distinct profile
 * restarts Quarkus, so share this one.
 */
public class SimulatedTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "operator.backend", "simulated",
                "operator.store.kind", "memory",
                "operator.targets.demo.cluster", "demo-cluster",
                "operator.targets.demo.auto-scaling-group", "demo-asg",
                "operator.targets.demo.ami", "amazon-linux-2023",
                "operator.targets.demo.on-new-ami", "notify",
                "operator.ami-check.on-startup", "false");
    }
}
