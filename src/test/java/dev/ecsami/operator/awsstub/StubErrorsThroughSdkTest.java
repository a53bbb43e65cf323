package dev.ecsami.operator.awsstub;

import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.model.AmiRef;
import dev.ecsami.operator.core.model.AmiSource;
import dev.ecsami.operator.core.port.ContainerInstances.TaskDetail;
import dev.ecsami.operator.core.port.ExternalCallFailed;
import dev.ecsami.operator.core.port.FleetPorts;
import dev.ecsami.operator.sim.SimulatedAws;
import dev.ecsami.operator.testing.PerClass;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static dev.ecsami.operator.awsstub.StubWorld.CLUSTER;
import static dev.ecsami.operator.awsstub.StubWorld.GROUP;
import static dev.ecsami.operator.awsstub.StubWorld.NEW_AMI;
import static dev.ecsami.operator.awsstub.StubWorld.OLD_AMI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The simulation's faults as each service puts them on the wire: the SDK retries what AWS would
 * have it retry (once, with this configuration), and the adapters report the service's own code.
 */
class StubErrorsThroughSdkTest {
    @RegisterExtension
    static final PerClass<AwsStub> STUB = new PerClass<>(AwsStub::start);
    private SimulatedAws aws;
    private FleetPorts ports;

    @BeforeEach
    void fleet() {
        aws = StubWorld.twoInstances();
        ports = StubbedPorts.over(STUB.get(), aws);
        ports.fleet().describe(GROUP);
        STUB.get().resetCalls();
    }

    private static ExternalCallFailed failure(ThrowingCallable call) {
        return catchThrowableOfType(ExternalCallFailed.class, call);
    }

    @Test
    void ecsThrottlingIsRetriedOnceThenReportedAsRetryable() {
        aws.faults().failNext("DescribeContainerInstances", 2, "ThrottlingException", true);

        ExternalCallFailed e = failure(() -> ports.containerInstances().describe(CLUSTER, TaskDetail.NONE));

        assertThat(e.operation()).isEqualTo("ListContainerInstances");
        assertThat(e.code()).isEqualTo("ThrottlingException");
        assertThat(e.retryable()).isTrue();
        assertThat(STUB.get().calls()).containsEntry("ListContainerInstances", 2);
    }

    @Test
    void ec2ThrottlingArrivesAsRequestLimitExceeded() {
        aws.faults().failNext("CreateLaunchTemplateVersion", 2, "ThrottlingException", true);

        ExternalCallFailed e = failure(() -> ports.launchSpecs().rollTo(GROUP, AmiRef.of(NEW_AMI)));

        assertThat(e.operation()).isEqualTo("CreateLaunchTemplateVersion");
        assertThat(e.code()).isEqualTo("RequestLimitExceeded");
        assertThat(e.retryable()).isTrue();
        assertThat(STUB.get().calls()).containsEntry("CreateLaunchTemplateVersion", 2);
        assertThat(aws.peekGroup(GROUP).launchImageId()).isEqualTo(OLD_AMI);
    }

    @Test
    void autoScalingAccessDeniedIsNotRetried() {
        aws.faults().failNext("UpdateAutoScalingGroup", 1, "AccessDenied", false);

        ExternalCallFailed e = failure(() -> ports.fleet().setCapacity(GROUP, 3, 4));

        assertThat(e.operation()).isEqualTo("SetDesiredCapacity");
        assertThat(e.code()).isEqualTo("AccessDenied");
        assertThat(e.retryable()).isFalse();
        assertThat(STUB.get().calls()).containsEntry("SetDesiredCapacity", 1);
        assertThat(aws.peekGroup(GROUP).desired()).isEqualTo(2);
    }

    @Test
    void oneSsmServerErrorIsAbsorbedByTheSdkRetry() {
        aws.faults().failNext("GetParameter", 1, "InternalFailure", true);

        AmiRef ami = ports.amiCatalog().resolve(AmiSource.parse("amazon-linux-2023"));

        assertThat(ami.imageId()).isEqualTo(NEW_AMI);
        assertThat(ami.name()).isEqualTo("new");
        assertThat(STUB.get().calls()).containsEntry("GetParameter", 2);
    }

    @Test
    void unknownImageIsAbsentNotAnError() {
        assertThat(ports.amiCatalog().describe("ami-0ffffffffffffffff")).isEmpty();
        assertThat(ports.amiCatalog().describe(NEW_AMI)).hasValueSatisfying(i -> {
            assertThat(i.architecture()).isEqualTo("x86_64");
            assertThat(i.available()).isTrue();
        });
    }

    @Test
    void rollingCreatesAVersionAndNewInstancesLaunchFromIt() {
        String before = ports.fleet().describe(GROUP).launchRef();

        String after = ports.launchSpecs().rollTo(GROUP, AmiRef.of(NEW_AMI));

        assertThat(after).isNotEqualTo(before).startsWith(before.substring(0, before.indexOf(':') + 1));
        assertThat(ports.fleet().describe(GROUP).launchRef()).isEqualTo(after);
        assertThat(ports.fleet().describe(GROUP).launchImageId()).isEqualTo(NEW_AMI);
        assertThat(ports.launchSpecs().rollTo(GROUP, AmiRef.of(NEW_AMI))).isEqualTo(after);
        assertThat(STUB.get().calls()).containsEntry("CreateLaunchTemplateVersion", 1)
                .containsEntry("ModifyLaunchTemplate", 1);
    }

    @Test
    void drainingAVanishedContainerInstanceFailsAsMissing() {
        String gone = "arn:aws:ecs:us-east-1:123456789012:container-instance/prod/0123456789abcdef";
        String present = aws.peekCluster(CLUSTER).instances().get(0).arn();

        ExternalCallFailed e = failure(() -> ports.containerInstances().setState(CLUSTER, List.of(present, gone),
                ContainerInstance.Status.DRAINING));

        assertThat(e.code()).isEqualTo("MISSING");
        assertThat(e.retryable()).isFalse();
        assertThat(aws.peekCluster(CLUSTER).instances().get(0).status()).isEqualTo(ContainerInstance.Status.DRAINING);
    }
}
