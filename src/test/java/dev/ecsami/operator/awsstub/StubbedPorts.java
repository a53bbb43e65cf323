package dev.ecsami.operator.awsstub;

import dev.ecsami.operator.aws.AutoScalingFleet;
import dev.ecsami.operator.aws.AwsClients;
import dev.ecsami.operator.aws.AwsGroupNeighbours;
import dev.ecsami.operator.aws.AwsLaunchSpecs;
import dev.ecsami.operator.aws.EcsContainerInstances;
import dev.ecsami.operator.aws.SsmAmiCatalog;
import dev.ecsami.operator.core.port.FleetPorts;
import dev.ecsami.operator.sim.SimulatedAws;

/**
 * The five real AWS adapters, talking through the SDK to a stub that plays the simulated world.
 * Fresh adapters each time (their caches belong to one process), over the stub's shared clients,
 * keeping the world's time.
 */
public final class StubbedPorts {
    private StubbedPorts() {
    }

    public static FleetPorts over(AwsStub stub, SimulatedAws world) {
        stub.play(world);
        AwsClients c = stub.clients();
        return new FleetPorts(new AutoScalingFleet(c.autoScaling(), c.ec2()),
                new EcsContainerInstances(c.ecs(), world.clock()),
                new AwsLaunchSpecs(c.autoScaling(), c.ec2(), c.config().launchConfigurationsToKeep()),
                new SsmAmiCatalog(c.ssm(), c.ec2(), new com.fasterxml.jackson.databind.ObjectMapper()),
                new AwsGroupNeighbours(c.autoScaling(), c.ecs()));
    }
}
