package dev.ecsami.operator.aws;

import dev.ecsami.operator.core.port.AmiCatalog;
import dev.ecsami.operator.core.port.ContainerInstances;
import dev.ecsami.operator.core.port.Fleet;
import dev.ecsami.operator.core.port.LaunchSpecs;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * CDI wiring of the AWS adapters. Each port is a {@link DefaultBean}: any other bean of the same
 * type (a simulation, a test double) takes its place without ambiguity.
 */
@ApplicationScoped
public class AwsProducers {

    @Produces
    @Singleton
    AwsClients awsClients(AwsConfig config) {
        return new AwsClients(config);
    }

    void closeAwsClients(@Disposes AwsClients clients) {
        clients.close();
    }

    @Produces
    @Singleton
    @DefaultBean
    Fleet fleet(AwsClients clients) {
        return new AutoScalingFleet(clients.autoScaling(), clients.ec2());
    }

    @Produces
    @Singleton
    @DefaultBean
    ContainerInstances containerInstances(AwsClients clients, Clock clock) {
        return new EcsContainerInstances(clients.ecs(), clock);
    }

    /** Also the {@link LaunchSpecs} bean; injected as AwsLaunchSpecs it offers rollBack. */
    @Produces
    @Singleton
    @DefaultBean
    AwsLaunchSpecs awsLaunchSpecs(AwsClients clients) {
        return new AwsLaunchSpecs(clients.autoScaling(), clients.ec2(), clients.config().launchConfigurationsToKeep());
    }

    /** Also the {@link AmiCatalog} bean; injected as SsmAmiCatalog it offers verifyReplacement. */
    @Produces
    @Singleton
    @DefaultBean
    SsmAmiCatalog ssmAmiCatalog(AwsClients clients) {
        return new SsmAmiCatalog(clients.ssm(), clients.ec2());
    }

}
