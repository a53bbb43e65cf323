package dev.ecsami.operator.scenario;

import dev.ecsami.operator.store.TestJson;
import dev.ecsami.operator.awsstub.AwsStub;
import dev.ecsami.operator.core.drain.DrainRecord;
import dev.ecsami.operator.ingest.IngestDispatcher;
import dev.ecsami.operator.ingest.IngestJournal;
import dev.ecsami.operator.ingest.LoopbackSqs;
import dev.ecsami.operator.ingest.MessageKind;
import dev.ecsami.operator.ingest.SqsQueueSource;
import dev.ecsami.operator.ingest.sns.MessageIdDeduplicator;
import dev.ecsami.operator.ingest.sns.SnsGate;
import dev.ecsami.operator.sim.SimCallLog;
import dev.ecsami.operator.sim.SimNotice;
import dev.ecsami.operator.testing.PerClass;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lifecycle and Spot messages in each format, delivered by ElasticMQ on loopback to the queue
 * handler, drained through the real Auto Scaling and ECS adapters and the stateful AWS stub.
 */
class LifecycleDrainThroughQueueTest {
    @RegisterExtension
    static final PerClass<AwsStub> STUB = new PerClass<>(AwsStub::start);

    @RegisterExtension
    static final PerClass<LoopbackSqs> ELASTIC_MQ = new PerClass<>(LoopbackSqs::start);

    private String queueUrl;

    @BeforeEach
    void createQueue() {
        queueUrl = ELASTIC_MQ.get().client().createQueue(r -> r.queueName("lifecycle-" + UUID.randomUUID())).queueUrl();
    }

    @Test
    void aHookMessageDrainsTheInstanceAndCompletesWithItsTokenOnlyAfterTheServiceTasksLeft() {
        scaleInDelivered(LifecycleDrainThroughQueueTest::hookFormat, false);
    }

    @Test
    void theEventBridgeFormDrainsTheSameWayAndDuplicatesAndTestNotificationsChangeNothing() {
        scaleInDelivered(LifecycleDrainThroughQueueTest::eventBridgeFormat, true);
    }

    @Test
    void aSpotWarningThroughTheQueueDrainsTheInstanceAtOnce() {
        DrainWorld w = DrainWorld.withHook(null).through(STUB.get());
        SqsQueueSource poller = poller(w);
        String victim = w.aws.peekGroup(DrainWorld.GROUP).instances().get(1).instanceId();
        Instant warning = w.clock.instant().plusSeconds(20);
        w.aws.actors().spotInterruption(DrainWorld.GROUP, victim, warning, 7);
        deliverVia(w, poller, LifecycleDrainThroughQueueTest::eventBridgeFormat, false, Duration.ofMinutes(4));

        assertThat(w.mutations("Drain")).singleElement().satisfies(m -> assertThat(m.detail()).isEqualTo(victim));
        assertThat(w.terminationOf(victim).at()).isEqualTo(warning.plus(Duration.ofMinutes(2)));
        assertThat(w.store.all()).singleElement()
                .satisfies(d -> assertThat(d.reason()).isEqualTo(DrainRecord.Reason.SPOT_INTERRUPTION));
    }

    @Test
    void lateAndOutOfOrderDeliveriesThroughTheQueueChangeNothing() {
        DrainWorld w = DrainWorld.withHook(Duration.ofMinutes(1)).through(STUB.get());
        SqsQueueSource poller = poller(w);
        w.slowTasksEverywhere(Duration.ofMinutes(2));
        w.scaleInAt(w.clock.instant().plusSeconds(30), 2);
        List<SimNotice> sent = new ArrayList<>();
        w.delivery = notices -> {
            sent.addAll(notices);
            notices.forEach(n -> send(eventBridgeFormat(n)));
            return List.of();
        };
        w.run(Duration.ofMinutes(8), () -> drain(poller));
        assertThat(w.store.all()).singleElement()
                .satisfies(d -> assertThat(d.state()).isEqualTo(DrainRecord.State.COMPLETED));
        int mutations = w.aws.log().mutations().size();

        for (SimNotice n : sent) {
            send(hookFormat(n));
            send(eventBridgeFormat(n));
            send(eventBridgeFormat(new SimNotice(SimNotice.Kind.SPOT_WARNING, n.group(), n.instanceId(), "", "",
                    n.at().minusSeconds(60))));
        }
        w.run(Duration.ofMinutes(2), () -> drain(poller));

        assertThat(sent).singleElement();
        assertThat(w.aws.log().mutations()).as("late copies, and a warning that comes after the instance left")
                .hasSize(mutations);
        assertThat(w.store.all()).allSatisfy(d -> assertThat(d.state().ended()).isTrue())
                .filteredOn(d -> d.reason() == DrainRecord.Reason.SCALE_IN).singleElement()
                .satisfies(d -> assertThat(d.state()).isEqualTo(DrainRecord.State.COMPLETED));
        assertThat(w.mutations("CompleteLifecycleAction")).hasSize(1);
        assertThat(w.mutations("Drain")).hasSize(1);
    }

    private void send(String body) {
        ELASTIC_MQ.get().client().sendMessage(r -> r.queueUrl(queueUrl).messageBody(body));
    }

    private static void drain(SqsQueueSource poller) {
        while (poller.pollOnce() > 0) {
            // every message received is handled before the next poll
        }
    }

    private void scaleInDelivered(Function<SimNotice, String> format, boolean duplicateAndTest) {
        DrainWorld w = DrainWorld.withHook(Duration.ofMinutes(1)).through(STUB.get());
        SqsQueueSource poller = poller(w);
        w.slowTasksEverywhere(Duration.ofMinutes(4));
        w.scaleInAt(w.clock.instant().plusSeconds(30), 2);
        deliverVia(w, poller, format, duplicateAndTest, Duration.ofMinutes(10));

        assertThat(w.store.all()).singleElement().satisfies(d -> {
            assertThat(d.state()).isEqualTo(DrainRecord.State.COMPLETED);
            SimCallLog.MutationRecord drained = w.mutations("Drain").get(0);
            SimCallLog.MutationRecord completed = w.mutations("CompleteLifecycleAction").get(0);
            assertThat(drained.detail()).isEqualTo(d.instanceId());
            assertThat(completed.detail()).isEqualTo(d.instanceId() + " " + DrainWorld.HOOK + " CONTINUE");
            assertThat(completed.at()).isAfterOrEqualTo(drained.at().plus(Duration.ofMinutes(3)));
            assertThat(w.terminationOf(d.instanceId()).serviceTasks()).isZero();
        });
        assertThat(w.mutations("Drain")).hasSize(1);
        assertThat(w.mutations("CompleteLifecycleAction")).hasSize(1);
        assertThat(w.hookExpired()).isFalse();
    }

    private void deliverVia(DrainWorld w, SqsQueueSource poller, Function<SimNotice, String> format,
                            boolean duplicateAndTest, Duration d) {
        w.delivery = notices -> {
            for (SimNotice n : notices) {
                ELASTIC_MQ.get().client().sendMessage(r -> r.queueUrl(queueUrl).messageBody(format.apply(n)));
                if (duplicateAndTest) {
                    ELASTIC_MQ.get().client().sendMessage(r -> r.queueUrl(queueUrl).messageBody(format.apply(n)));
                    ELASTIC_MQ.get().client().sendMessage(r -> r.queueUrl(queueUrl).messageBody(TEST_NOTIFICATION));
                }
            }
            return List.of();
        };
        w.run(d, () -> {
            while (poller.pollOnce() > 0) {
                // every message received is handled before the next poll
            }
        });
    }

    /** The production pipeline after the source: envelope, kind, dispatcher, drain runner. */
    private SqsQueueSource poller(DrainWorld w) {
        IngestDispatcher dispatcher = new IngestDispatcher(TestJson.MAPPER, trigger -> List.of(), pending -> {
            throw new AssertionError("no subscription in this test");
        }, false, new IngestDispatcher.Drains(request -> w.runner.accept(request), false),
                SnsGate.unverified(Set.of(), new MessageIdDeduplicator(100, Duration.ofHours(3), w.clock)),
                new IngestJournal(100), w.clock);
        return new SqsQueueSource(ELASTIC_MQ.get().client(), List.of(queueUrl),
                (queue, id, body) -> dispatcher.fromQueue(id, body, Set.of(MessageKind.Feed.LIFECYCLE)),
                new SqsQueueSource.Settings(Duration.ZERO, Duration.ofSeconds(30), 3));
    }

    private static final String TEST_NOTIFICATION = """
            {"AccountId":"123456789012","RequestId":"4e6156f4","AutoScalingGroupARN":"arn:aws:autoscaling:x",
             "AutoScalingGroupName":"prod-asg","Service":"AWS Auto Scaling","Event":"autoscaling:TEST_NOTIFICATION",
             "Time":"2026-12-01T10:00:00.000Z"}""";

    /** The hook's own notification, as Auto Scaling sends it to the SQS notification target. */
    static String hookFormat(SimNotice n) {
        return """
                {"Origin":"AutoScalingGroup","LifecycleHookName":"%s","Destination":"EC2","AccountId":"123456789012",
                 "RequestId":"r-1","LifecycleTransition":"autoscaling:EC2_INSTANCE_TERMINATING",
                 "AutoScalingGroupName":"%s","Service":"AWS Auto Scaling","Time":"%s","EC2InstanceId":"%s",
                 "LifecycleActionToken":"%s"}""".formatted(n.hookName(), n.group(), n.at(), n.instanceId(), n.token());
    }

    /** The EventBridge event of the same action, or of a Spot warning. */
    static String eventBridgeFormat(SimNotice n) {
        if (n.kind() == SimNotice.Kind.SPOT_WARNING) {
            return """
                    {"version":"0","id":"e-1","detail-type":"EC2 Spot Instance Interruption Warning","source":"aws.ec2",
                     "account":"123456789012","time":"%s","region":"us-east-1","resources":[],
                     "detail":{"instance-id":"%s","instance-action":"terminate"}}""".formatted(n.at(), n.instanceId());
        }
        return """
                {"version":"0","id":"e-2","detail-type":"EC2 Instance-terminate Lifecycle Action",
                 "source":"aws.autoscaling","account":"123456789012","time":"%s","region":"us-east-1","resources":[],
                 "detail":{"LifecycleActionToken":"%s","AutoScalingGroupName":"%s","LifecycleHookName":"%s",
                 "EC2InstanceId":"%s","LifecycleTransition":"autoscaling:EC2_INSTANCE_TERMINATING","Origin":"AutoScalingGroup",
                 "Destination":"EC2"}}""".formatted(n.at(), n.token(), n.group(), n.hookName(), n.instanceId());
    }
}
