package dev.ecsami.operator.ingest;

import dev.ecsami.operator.core.port.FleetPorts;
import dev.ecsami.operator.store.TestJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsami.operator.core.drain.DrainRequest;
import dev.ecsami.operator.core.model.AmiSource;
import dev.ecsami.operator.core.model.OnNewAmi;
import dev.ecsami.operator.core.model.RolloutPolicy;
import dev.ecsami.operator.core.model.Target;
import dev.ecsami.operator.core.model.Trigger;
import dev.ecsami.operator.core.port.Notifier;
import dev.ecsami.operator.ingest.SubscriptionConfirmer.Confirmation;
import dev.ecsami.operator.ingest.MessageKind.Feed;
import dev.ecsami.operator.ingest.json.Parsed;
import dev.ecsami.operator.ingest.sns.MessageIdDeduplicator;
import dev.ecsami.operator.ingest.sns.SnsEnvelope;
import dev.ecsami.operator.ingest.sns.SnsGate;
import dev.ecsami.operator.ingest.sns.SnsEnvelopeParser;
import dev.ecsami.operator.ingest.sns.TestMessage;
import dev.ecsami.operator.ingest.sns.TestPki;
import dev.ecsami.operator.runtime.DrainRunner;
import dev.ecsami.operator.runtime.NewAmiCheck;
import dev.ecsami.operator.runtime.RetryPolicy;
import dev.ecsami.operator.runtime.RolloutCommands;
import dev.ecsami.operator.runtime.RolloutRunner;
import dev.ecsami.operator.sim.SimClock;
import dev.ecsami.operator.sim.SimTimings;
import dev.ecsami.operator.sim.SimulatedAws;
import dev.ecsami.operator.store.InMemoryRolloutStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher over a real AMI check on the simulated AWS: one group, whose AMI parameter points
 * either at the image the group already runs or at a newer one.
 */
class IngestDispatcherTest {

    private static final String RUNNING_AMI = "ami-0000000000000a001";
    private static final String NEWER_AMI = "ami-0000000000000b002";
    private static final String PARAMETER = "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended";

    private final SimClock clock = new SimClock(Instant.parse("2026-11-27T10:00:00Z"));
    private final SimulatedAws aws = new SimulatedAws(clock, SimTimings.realistic());
    private final InMemoryRolloutStore store = new InMemoryRolloutStore();
    private final List<Notifier.Behind> behind = new ArrayList<>();
    private final List<SubscriptionConfirmer.PendingSubscription> confirmations = new ArrayList<>();
    private Confirmation confirmationAnswer = new Confirmation.Confirmed("arn:aws:sns:us-east-1:1:t:sub");

    @Test
    void announcementForATargetAlreadyOnTheLatestAmiStartsNothing() {
        IngestDispatcher dispatcher = dispatcherOverFleet(RUNNING_AMI, OnNewAmi.ROLL);

        Handled result = dispatcher.announcement(Announcements.fixture(), Trigger.Kind.SNS, "m-1");

        assertThat(result).isInstanceOf(Handled.Checked.class);
        assertThat(((Handled.Checked) result).outcomes()).extracting(NewAmiCheck.Outcome::action)
                .containsExactly(NewAmiCheck.Action.CURRENT);
        assertThat(store.all()).isEmpty();
        assertThat(aws.log().mutations()).isEmpty();
        assertThat(behind).isEmpty();
    }

    @Test
    void announcementForATargetBehindStartsItsRollout() {
        IngestDispatcher dispatcher = dispatcherOverFleet(NEWER_AMI, OnNewAmi.ROLL);

        Handled result = dispatcher.announcement(Announcements.fixture(), Trigger.Kind.SNS, "m-2");

        assertThat(((Handled.Checked) result).outcomes()).extracting(NewAmiCheck.Outcome::action)
                .containsExactly(NewAmiCheck.Action.STARTED);
        assertThat(store.all()).singleElement().satisfies(rollout -> {
            assertThat(rollout.toAmi().imageId()).isEqualTo(NEWER_AMI);
            assertThat(rollout.trigger().kind()).isEqualTo(Trigger.Kind.SNS);
            assertThat(rollout.trigger().source()).isEqualTo("m-2");
        });
    }

    @Test
    void unparseableAnnouncementIsIgnoredWithoutAnAmiCheck() {
        List<Trigger> runs = new ArrayList<>();
        IngestDispatcher dispatcher = dispatcher(trigger -> {
            runs.add(trigger);
            return List.of();
        }, true);

        Handled result = dispatcher.announcement("{\"ECSAmis\": []}", Trigger.Kind.SQS, "m-3");

        assertThat(result).isInstanceOf(Handled.Ignored.class);
        assertThat(((Handled.Ignored) result).why()).contains("ECSAmis");
        assertThat(runs).isEmpty();
    }

    @Test
    void amiCheckErrorAsksForRedelivery() {
        IngestDispatcher dispatcher = dispatcher(trigger -> List.of(
                new NewAmiCheck.Outcome("prod", "", NewAmiCheck.Action.ERROR, "SSM throttled")), true);

        Handled result = dispatcher.announcement(Announcements.fixture(), Trigger.Kind.SNS, "m-4");

        assertThat(result.wantsRedelivery()).isTrue();
        assertThat(((Handled.Failed) result).why()).contains("prod: SSM throttled");
    }

    @Test
    void subscriptionConfirmationIsConfirmedWithItsTopicAndToken() {
        IngestDispatcher dispatcher = dispatcher(trigger -> List.of(), true);
        SnsEnvelope envelope = envelope(TestMessage.subscriptionConfirmation(Instant.now()));

        Handled result = dispatcher.dispatch(envelope, Trigger.Kind.SNS);

        assertThat(result).isEqualTo(new Handled.Confirmed(envelope.topicArn(), "arn:aws:sns:us-east-1:1:t:sub"));
        assertThat(confirmations).containsExactly(new SubscriptionConfirmer.PendingSubscription(
                envelope.topicArn(), envelope.token().orElseThrow(), envelope.subscribeUrl().orElseThrow()));
    }

    @Test
    void failedConfirmationAsksForRedelivery() {
        confirmationAnswer = new Confirmation.Failed("SNS unreachable");
        IngestDispatcher dispatcher = dispatcher(trigger -> List.of(), true);

        Handled result = dispatcher.dispatch(envelope(TestMessage.subscriptionConfirmation(Instant.now())),
                Trigger.Kind.SNS);

        assertThat(result.wantsRedelivery()).isTrue();
    }

    @Test
    void subscriptionIsNotConfirmedWhenConfirmingIsSwitchedOff() {
        IngestDispatcher dispatcher = dispatcher(trigger -> List.of(), false);

        Handled result = dispatcher.dispatch(envelope(TestMessage.subscriptionConfirmation(Instant.now())),
                Trigger.Kind.SNS);

        assertThat(result).isInstanceOf(Handled.Ignored.class);
        assertThat(confirmations).isEmpty();
    }

    @Test
    void unsubscribeConfirmationIsOnlyAcknowledged() {
        IngestDispatcher dispatcher = dispatcher(trigger -> {
            throw new AssertionError("no AMI check for an unsubscribe confirmation");
        }, true);
        TestMessage unsubscribe = TestMessage.subscriptionConfirmation(Instant.now())
                .set("Type", "UnsubscribeConfirmation");

        Handled result = dispatcher.dispatch(envelope(unsubscribe), Trigger.Kind.SNS);

        assertThat(result).isInstanceOf(Handled.Ignored.class);
        assertThat(confirmations).isEmpty();
    }

    @Test
    void lifecycleKindsGoToTheDrainRunnerOnlyFromALifecycleQueue() {
        List<DrainRequest> started = new ArrayList<>();
        IngestDispatcher dispatcher = new IngestDispatcher(TestJson.MAPPER, trigger -> List.of(), this::confirm, true,
                new IngestDispatcher.Drains(request -> {
                    started.add(request);
                    return DrainRunner.Accepted.STARTED;
                }, false), gate(), new IngestJournal(10), clock);
        String hook = """
                {"LifecycleHookName":"drain","LifecycleTransition":"autoscaling:EC2_INSTANCE_TERMINATING",
                 "AutoScalingGroupName":"prod-asg","EC2InstanceId":"i-1","LifecycleActionToken":"tok"}""";
        String rebalance = """
                {"detail-type":"EC2 Instance Rebalance Recommendation","source":"aws.ec2",
                 "detail":{"instance-id":"i-2"}}""";
        String test = "{\"Event\":\"autoscaling:TEST_NOTIFICATION\",\"AutoScalingGroupName\":\"prod-asg\"}";

        assertThat(dispatcher.fromQueue("m-1", hook, Set.of(Feed.AMI))).isInstanceOf(Handled.Ignored.class);
        assertThat(dispatcher.fromQueue("m-2", test, Set.of(Feed.LIFECYCLE))).isInstanceOf(Handled.Ignored.class);
        assertThat(dispatcher.fromQueue("m-3", rebalance, Set.of(Feed.LIFECYCLE))).isInstanceOf(Handled.Ignored.class);
        assertThat(dispatcher.fromQueue("m-4", Announcements.fixture(), Set.of(Feed.LIFECYCLE)))
                .isInstanceOf(Handled.Ignored.class);
        assertThat(started).isEmpty();
        assertThat(dispatcher.fromQueue("m-5", hook, Set.of(Feed.LIFECYCLE)))
                .isEqualTo(new Handled.DrainAccepted("i-1", DrainRunner.Accepted.STARTED));
        assertThat(started).singleElement().satisfies(r -> {
            assertThat(r.instanceId()).isEqualTo("i-1");
            assertThat(r.token()).isEqualTo("tok");
        });
    }

    private IngestDispatcher dispatcher(Function<Trigger, List<NewAmiCheck.Outcome>> amiCheck, boolean confirm) {
        return new IngestDispatcher(TestJson.MAPPER, amiCheck, this::confirm, confirm, NO_DRAINS, gate(), new IngestJournal(100), clock);
    }

    private SnsGate gate() {
        return SnsGate.unverified(Set.of(Announcements.TOPIC), new MessageIdDeduplicator(100, Duration.ofHours(3),
                clock));
    }

    /** For dispatchers that must never start a drain. */
    static final IngestDispatcher.Drains NO_DRAINS = new IngestDispatcher.Drains(request -> {
        throw new AssertionError("no drain in this test");
    }, false);

    private Confirmation confirm(SubscriptionConfirmer.PendingSubscription pending) {
        confirmations.add(pending);
        return confirmationAnswer;
    }

    private IngestDispatcher dispatcherOverFleet(String latestAmi, OnNewAmi onNewAmi) {
        aws.setup()
                .image(RUNNING_AMI, "al2023-ami-ecs-hvm-2023.0.20261001-kernel-6.1-x86_64", "x86_64")
                .image(NEWER_AMI, "al2023-ami-ecs-hvm-2023.0.20261120-kernel-6.1-x86_64", "x86_64")
                .parameter(PARAMETER, latestAmi)
                .group("prod-asg", "prod", List.of("us-east-1a", "us-east-1b"), 2, 1, 4, RUNNING_AMI)
                .service("prod", "web", 2, 50, 200, 256, 512);
        Target target = new Target("prod", "prod", "prod-asg", AmiSource.parse("amazon-linux-2023"), onNewAmi,
                RolloutPolicy.defaults());
        FleetPorts ports = aws.ports();
        Notifier notifier = new Notifier() {
            @Override
            public void rolloutChanged(dev.ecsami.operator.core.model.Rollout rollout,
                    List<dev.ecsami.operator.core.model.RolloutEvent> newEvents) {
            }

            @Override
            public void targetsBehind(List<Behind> targets) {
                behind.addAll(targets);
            }
        };
        RolloutRunner runner = new RolloutRunner(clock, store, ports, notifier,
                new RetryPolicy(Duration.ofSeconds(5), Duration.ofSeconds(40), 30));
        RolloutCommands commands = new RolloutCommands(clock, store, ports, Map.of("prod", target), runner, notifier,
                () -> "r1");
        NewAmiCheck check = new NewAmiCheck(commands, store, ports, notifier);
        return dispatcher(check::run, true);
    }

    /** The dispatcher sees only gate-approved envelopes; parsing a signed body stands in for the gate. */
    private static SnsEnvelope envelope(TestMessage message) {
        byte[] body = message.signWith(TestPki.get().sns.key()).body();
        return ((Parsed.Ok<SnsEnvelope>) SnsEnvelopeParser.parse(body)).value();
    }
}
