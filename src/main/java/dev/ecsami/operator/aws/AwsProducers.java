package dev.ecsami.operator.aws;

import dev.ecsami.operator.core.port.AmiCatalog;
import dev.ecsami.operator.core.port.ContainerInstances;
import dev.ecsami.operator.core.port.Fleet;
import dev.ecsami.operator.core.port.GroupNeighbours;
import dev.ecsami.operator.core.port.LifecycleActions;
import dev.ecsami.operator.core.port.LaunchSpecs;
import dev.ecsami.operator.config.OperatorConfig;
import io.quarkus.arc.DefaultBean;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * CDI wiring of the AWS adapters. Each port is a {@link DefaultBean}: any other bean of the same
 * type (a simulation, a test double) takes its place without ambiguity. The ports are
 * application-scoped, so an adapter and the SDK clients it holds are built on its first call rather
 * than at start-up: building the four SDK clients loads a few thousand classes. The operator.aws.*
 * settings are still checked at start-up; what only the SDK finds out (no region, no credentials)
 * shows on the first call, in the readiness check and the tick log.
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

    /** With the AWS backend, a bad operator.aws.* setting stops start-up, before the tick loop starts. */
    void checkSettings(@Observes @Priority(1) StartupEvent event, OperatorConfig config, Instance<AwsClients> clients) {
        if (config.backend() == OperatorConfig.Backend.AWS) {
            clients.get();
        }
    }

    @Produces
    @ApplicationScoped
    @DefaultBean
    Fleet fleet(AwsClients clients) {
        return new AutoScalingFleet(clients.autoScaling(), clients.ec2());
    }

    @Produces
    @ApplicationScoped
    @DefaultBean
    LifecycleActions lifecycleActions(AwsClients clients) {
        return new AutoScalingLifecycleActions(clients.autoScaling());
    }

    @Produces
    @ApplicationScoped
    @DefaultBean
    GroupNeighbours neighbours(AwsClients clients) {
        return new AwsGroupNeighbours(clients.autoScaling(), clients.ecs());
    }

    @Produces
    @ApplicationScoped
    @DefaultBean
    ContainerInstances containerInstances(AwsClients clients, Clock clock) {
        return new EcsContainerInstances(clients.ecs(), clock);
    }

    /** Also the {@link LaunchSpecs} bean; injected as AwsLaunchSpecs it offers rollBack. */
    @Produces
    @ApplicationScoped
    @DefaultBean
    AwsLaunchSpecs awsLaunchSpecs(AwsClients clients) {
        return new AwsLaunchSpecs(clients.autoScaling(), clients.ec2(), clients.config().launchConfigurationsToKeep());
    }

    /** Also the {@link AmiCatalog} bean; injected as SsmAmiCatalog it offers verifyReplacement. */
    @Produces
    @ApplicationScoped
    @DefaultBean
    SsmAmiCatalog ssmAmiCatalog(AwsClients clients) {
        return new SsmAmiCatalog(clients.ssm(), clients.ec2());
    }

}
