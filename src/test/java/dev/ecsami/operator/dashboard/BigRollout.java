package dev.ecsami.operator.dashboard;

import dev.ecsami.operator.core.model.AmiRef;
import dev.ecsami.operator.core.model.Baseline;
import dev.ecsami.operator.core.model.CapacitySample;
import dev.ecsami.operator.core.model.InstanceStep;
import dev.ecsami.operator.core.model.PhaseMark;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.model.RolloutPolicy;
import dev.ecsami.operator.core.model.RolloutState;
import dev.ecsami.operator.core.model.StepPhase;
import dev.ecsami.operator.core.model.Trigger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A finished rollout of many instances, each through every phase, as a long-running fleet would leave it. */
final class BigRollout {
    private BigRollout() {
    }

    static Rollout of(String id, int instances, Instant t0) {
        List<InstanceStep> steps = new ArrayList<>();
        List<RolloutEvent> events = new ArrayList<>();
        List<CapacitySample> capacity = new ArrayList<>();
        events.add(new RolloutEvent(t0, RolloutEvent.Type.CREATED, "", "rollout of big", "ops"));
        for (int i = 0; i < instances; i++) {
            String instance = String.format("i-%017d", i);
            Instant s = t0.plusSeconds(300L * i);
            List<PhaseMark> marks = List.of(new PhaseMark(StepPhase.LAUNCH_REPLACEMENT, s),
                    new PhaseMark(StepPhase.DRAIN, s.plusSeconds(120)),
                    new PhaseMark(StepPhase.WAIT_STEADY, s.plusSeconds(200)),
                    new PhaseMark(StepPhase.TERMINATE, s.plusSeconds(230)),
                    new PhaseMark(StepPhase.BAKE, s.plusSeconds(260)),
                    new PhaseMark(StepPhase.DONE, s.plusSeconds(260)));
            steps.add(new InstanceStep(instance, "us-east-1" + "abc".charAt(i % 3), "arn:ci/" + i, StepPhase.DONE,
                    marks, i % 100 == 7, InstanceStep.Purpose.REPLACE));
            events.add(new RolloutEvent(s.plusSeconds(120), RolloutEvent.Type.DRAIN_STARTED, instance,
                    "set DRAINING with 4 running tasks", ""));
            events.add(new RolloutEvent(s.plusSeconds(260), RolloutEvent.Type.INSTANCE_DONE, instance, "replaced", ""));
            capacity = CapacitySample.append(capacity, new CapacitySample(s, instances, instances, instances));
            capacity = CapacitySample.append(capacity, new CapacitySample(s.plusSeconds(100), instances + 1,
                    instances + 1, instances));
        }
        Instant end = t0.plusSeconds(300L * instances);
        events.add(new RolloutEvent(end, RolloutEvent.Type.SUCCEEDED, "", instances + " instances replaced", ""));
        return new Rollout(id, "big", "big-cluster", "big-asg", new AmiRef("ami-0000000000000a001", "old"),
                new AmiRef("ami-0000000000000b002", "new <b>bold</b>"), new Trigger(Trigger.Kind.HTTP, "ops", ""),
                RolloutState.SUCCEEDED, "", RolloutPolicy.defaults(), new Baseline(instances, 1, instances + 2,
                instances), List.of(), steps, events, t0, end, end, null, instances, capacity, null, false, null);
    }
}
