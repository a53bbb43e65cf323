package dev.ecsami.operator.scenario;

import dev.ecsami.operator.awsstub.AwsStub.QueryRequest;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The closest this suite has to a run against an AWS API emulator: the operator, through the real
 * adapters and SDK, against the stateful stub. From the requests the stub received: AZRebalance is
 * suspended before the first termination or capacity change and resumed after the last
 * termination, nothing else is suspended or resumed, and the group's SuspendedProcesses end exactly
 * as they were found, including processes the user had suspended.
 */
class ThroughAwsAdaptersProcessesScenarioTest {
    @RegisterExtension
    static final ThroughAwsAdapters AWS = new ThroughAwsAdapters();

    private static final Set<String> CAPACITY_CHANGES = Set.of("SetDesiredCapacity", "UpdateAutoScalingGroup",
            "TerminateInstanceInAutoScalingGroup");

    private World world(String... userSuspended) {
        World w = AWS.fleetOf(3, World.policy());
        for (String process : userSuspended) {
            w.aws.setup().suspend(World.GROUP, process);
        }
        AWS.stub().resetCalls();
        return w;
    }

    /** Runs until the rollout has ended and given back everything it changed. */
    private static Rollout settle(World w, String id) {
        Rollout r = w.runUntilSettled(id, Duration.ofHours(2));
        Instant end = w.clock.instant().plus(Duration.ofHours(1));
        while (w.rollout(id).windingDown() && w.clock.instant().isBefore(end)) {
            w.step();
        }
        return w.rollout(id);
    }

    private static List<QueryRequest> requests() {
        return AWS.stub().queryRequests();
    }

    private static List<Integer> indexesOf(List<QueryRequest> requests, Set<String> actions) {
        return IntStream.range(0, requests.size()).filter(i -> actions.contains(requests.get(i).action()))
                .boxed().toList();
    }

    private static List<QueryRequest> named(List<QueryRequest> requests, String action) {
        return requests.stream().filter(r -> r.action().equals(action)).toList();
    }

    @Test
    void azRebalanceIsSuspendedBeforeTheFirstTerminationAndResumedAfterTheLastLeavingTheUsersOwnSuspended() {
        World w = world("ScheduledActions");

        Rollout done = settle(w, w.start().id());

        assertThat(done.state()).as(done.reason()).isEqualTo(RolloutState.SUCCEEDED);
        List<QueryRequest> requests = requests();
        List<Integer> suspends = indexesOf(requests, Set.of("SuspendProcesses"));
        List<Integer> resumes = indexesOf(requests, Set.of("ResumeProcesses"));
        List<Integer> changes = indexesOf(requests, CAPACITY_CHANGES);
        List<Integer> terminations = indexesOf(requests, Set.of("TerminateInstanceInAutoScalingGroup"));
        assertThat(named(requests, "SuspendProcesses")).singleElement()
                .satisfies(r -> assertThat(r.list("ScalingProcesses.member")).containsExactly("AZRebalance"));
        assertThat(named(requests, "ResumeProcesses")).singleElement()
                .satisfies(r -> assertThat(r.list("ScalingProcesses.member")).containsExactly("AZRebalance"));
        assertThat(terminations).isNotEmpty();
        assertThat(suspends.get(0)).isLessThan(changes.get(0));
        assertThat(resumes.get(0)).isGreaterThan(terminations.get(terminations.size() - 1));
        assertThat(w.aws.peekGroup(World.GROUP).suspendedProcesses()).containsExactly("ScheduledActions");
    }

    @Test
    void azRebalanceTheUserHadSuspendedIsNeitherSuspendedAgainNorResumed() {
        World w = world("AZRebalance");

        Rollout done = settle(w, w.start().id());

        assertThat(done.state()).as(done.reason()).isEqualTo(RolloutState.SUCCEEDED);
        assertThat(named(requests(), "SuspendProcesses")).isEmpty();
        assertThat(named(requests(), "ResumeProcesses")).isEmpty();
        assertThat(w.aws.peekGroup(World.GROUP).suspendedProcesses()).containsExactly("AZRebalance");
    }

    @Test
    void anAbortedRolloutResumesWhatItSuspendedAndNothingElse() {
        World w = world("AlarmNotification");
        String id = w.start().id();
        while (named(requests(), "TerminateInstanceInAutoScalingGroup").isEmpty()
                && w.rollout(id).state() == RolloutState.RUNNING) {
            w.step();
        }
        w.commands.abort(id, "test");

        Rollout aborted = settle(w, id);

        assertThat(aborted.state()).isEqualTo(RolloutState.ABORTED);
        assertThat(named(requests(), "ResumeProcesses")).singleElement()
                .satisfies(r -> assertThat(r.list("ScalingProcesses.member")).containsExactly("AZRebalance"));
        List<Integer> terminations = indexesOf(requests(), Set.of("TerminateInstanceInAutoScalingGroup"));
        assertThat(indexesOf(requests(), Set.of("ResumeProcesses")).get(0))
                .isGreaterThan(terminations.get(terminations.size() - 1));
        assertThat(w.aws.peekGroup(World.GROUP).suspendedProcesses()).containsExactly("AlarmNotification");
    }
}
