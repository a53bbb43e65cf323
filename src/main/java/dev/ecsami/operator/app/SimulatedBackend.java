package dev.ecsami.operator.app;

import dev.ecsami.operator.core.model.AmiSource;
import dev.ecsami.operator.core.model.Target;
import dev.ecsami.operator.core.port.FleetPorts;
import dev.ecsami.operator.core.port.LifecycleActions;
import dev.ecsami.operator.sim.SimClock;
import dev.ecsami.operator.sim.SimTimings;
import dev.ecsami.operator.sim.SimulatedAws;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The embedded simulated AWS behind {@code operator.backend=simulated}. Each configured target
 * gets a group of instances on last month's AMI running three services and a daemon, and its AMI
 * source already points at a newer image, so the first AMI check finds every target behind.
 * Virtual time runs {@code speed} times faster than the wall clock.
 */
public final class SimulatedBackend implements Backend {
    /** The AMI every simulated group starts on; a target pinned to it (a fixed AMI source) is current. */
    public static final String OLD_AMI = "ami-0a1b2c3d4e5f60001";
    static final String NEW_AMI = "ami-0a1b2c3d4e5f60002";

    private final SimClock clock;
    private final SimulatedAws aws;
    private final double speed;
    private final String description;

    SimulatedBackend(Collection<Target> targets, int instances, double speed, Instant start) {
        this.clock = new SimClock(start);
        this.aws = new SimulatedAws(clock, SimTimings.realistic());
        this.speed = speed;
        this.description = String.format("simulated AWS: %d target(s), %d instances each, virtual time x%.0f",
                targets.size(), instances, speed);
        aws.setup()
                .image(OLD_AMI, "al2023-ami-ecs-hvm-2023.0.20261020-kernel-6.1-x86_64", "x86_64")
                .image(NEW_AMI, "al2023-ami-ecs-hvm-2023.0.20261124-kernel-6.1-x86_64", "x86_64");
        for (Target t : targets) {
            seed(t, instances);
        }
    }

    private void seed(Target t, int instances) {
        String latest = NEW_AMI;
        if (t.ami() instanceof AmiSource.Fixed f) {
            latest = f.imageId();
            aws.setup().image(latest, "fixed image " + latest, "x86_64");
        } else {
            aws.setup().parameter(t.ami().parameterName(), latest);
        }
        aws.setup()
                .group(t.autoScalingGroup(), t.cluster(), List.of("us-east-1a", "us-east-1b", "us-east-1c"), instances,
                        1, instances + 2, OLD_AMI)
                .service(t.cluster(), "web", instances, 50, 200, 256, 512)
                .service(t.cluster(), "api", Math.max(2, instances / 2), 100, 200, 512, 1024)
                .service(t.cluster(), "worker", 2, 0, 100, 256, 512)
                .daemonService(t.cluster(), "log-router", 64, 128);
    }

    @Override
    public SimClock clock() {
        return clock;
    }

    public SimulatedAws aws() {
        return aws;
    }

    @Override
    public FleetPorts ports() {
        return aws.ports();
    }

    @Override
    public LifecycleActions lifecycleActions() {
        return aws.lifecycleActions();
    }

    /** Moves virtual time by {@code speed} times the wall time that passed, and the world with it. */
    @Override
    public void elapse(Duration wall) {
        clock.advance(Duration.ofNanos((long) (wall.toNanos() * speed)));
        aws.advance();
    }

    @Override
    public String describe() {
        return description;
    }
}
