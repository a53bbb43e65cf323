package dev.ecsami.operator.core.rollout;

import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.fleet.GroupInstance;
import dev.ecsami.operator.core.fleet.GroupState;
import dev.ecsami.operator.core.fleet.Observation;
import dev.ecsami.operator.core.model.Baseline;
import dev.ecsami.operator.core.model.Finding;
import dev.ecsami.operator.core.model.InstanceStep;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.model.RolloutState;
import dev.ecsami.operator.core.model.StepPhase;

import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rolling replacement, as a pure function of a rollout, the observed fleet and the time.
 *
 * <p>Each tick reads top to bottom: pre-flight (once), capture the baseline, roll the launch
 * specification, advance the instances in flight, start the next outdated ones up to
 * max-in-flight, and finish when none is left. The same rollout, observation and time always give
 * the same decision; nothing here waits or does I/O.
 */
public final class RolloutEngine {
    private final Map<StepPhase, StepHandler> handlers = new EnumMap<>(StepPhase.class);

    public RolloutEngine() {
        handlers.put(StepPhase.LAUNCH_REPLACEMENT, new LaunchReplacement());
        handlers.put(StepPhase.DRAIN, new Drain());
        handlers.put(StepPhase.WAIT_STEADY, new WaitSteady());
        handlers.put(StepPhase.TERMINATE, new Terminate());
        handlers.put(StepPhase.AWAIT_REPLACEMENT, new AwaitReplacement());
        handlers.put(StepPhase.BAKE, new Bake());
    }

    public Decision tick(Rollout rollout, Observation observed, Instant now) {
        if (rollout.state() != RolloutState.RUNNING) {
            return Decision.unchanged(rollout);
        }
        Rollout.Builder next = rollout.toBuilder().updatedAt(now)
                .nextCheckAt(now.plus(rollout.policy().pollInterval()));
        Rollout current = rollout;
        if (current.preflight() == null) {
            Optional<Decision> blocked = preflight(current, observed, now, next);
            if (blocked.isPresent()) {
                return blocked.get();
            }
            current = next.build();
        }
        if (current.baseline() == null) {
            current = captureBaseline(current, observed, now, next);
        }
        Tick tick = new Tick(current, observed, now);
        next.steps(current.steps());
        if (!launchSpecRolled(tick)) {
            return decide(rollout, next, tick);
        }
        for (InstanceStep step : current.inFlight()) {
            Optional<String> paused = run(step, tick);
            if (paused.isPresent()) {
                return pause(rollout, next, tick, paused.get());
            }
        }
        Optional<String> paused = startNext(tick).or(() -> surgeCapacity(tick));
        if (paused.isPresent()) {
            return pause(rollout, next, tick, paused.get());
        }
        Set<String> stepped = stepped(tick);
        if (tick.steps().stream().allMatch(s -> s.phase().isFinished())
                && tick.outdated().stream().allMatch(gi -> stepped.contains(gi.instanceId()))) {
            return finish(rollout, next, tick);
        }
        return decide(rollout, next, tick);
    }

    private Optional<Decision> preflight(Rollout r, Observation observed, Instant now, Rollout.Builder next) {
        List<GroupInstance> outdated = OutdatedInstances.select(observed, r.toAmi().imageId());
        List<Finding> findings = Preflight.check(observed, r.policy(), outdated);
        List<RolloutEvent> events = findings.stream().map(f -> new RolloutEvent(now, RolloutEvent.Type.PREFLIGHT, "",
                f.severity() + " " + f.code() + ": " + f.message(), RolloutEvent.ENGINE)).toList();
        next.preflight(findings).events(events).toReplace(outdated.size());
        List<Finding> blockers = findings.stream().filter(Finding::blocks).toList();
        if (blockers.isEmpty()) {
            return Optional.empty();
        }
        String reason = "pre-flight: " + blockers.stream().map(Finding::message).collect(Collectors.joining("; "));
        RolloutEvent paused = new RolloutEvent(now, RolloutEvent.Type.PAUSED, "", reason, RolloutEvent.ENGINE);
        next.state(RolloutState.PAUSED, reason).nextCheckAt(null).events(List.of(paused));
        List<RolloutEvent> all = new java.util.ArrayList<>(events);
        all.add(paused);
        return Optional.of(new Decision(next.build(), List.of(), all));
    }

    private Rollout captureBaseline(Rollout r, Observation observed, Instant now, Rollout.Builder next) {
        GroupState g = observed.group();
        int serving = observed.servingCapacity();
        Baseline baseline = new Baseline(g.desired(), g.min(), g.max(), Math.min(g.desired(), serving));
        int outdated = OutdatedInstances.select(observed, r.toAmi().imageId()).size();
        next.baseline(baseline).events(List.of(new RolloutEvent(now, RolloutEvent.Type.STARTED, "",
                outdated + " of " + g.instances().size() + " instances to replace, " + r.fromAmi() + " -> " + r.toAmi()
                        + "; desired " + g.desired() + ", max " + g.max() + ", " + serving + " serving",
                RolloutEvent.ENGINE)));
        return next.build();
    }

    /** Points the group at the new AMI first, so that every replacement launches from it. */
    private boolean launchSpecRolled(Tick tick) {
        String image = tick.observed.group().launchImageId();
        String target = tick.rollout.toAmi().imageId();
        if (!image.isEmpty() && !image.equals(target)) {
            tick.mutate(new Mutation.RollLaunchSpec(tick.group(), tick.rollout.toAmi()));
            return false;
        }
        boolean recorded = tick.rollout.events().stream()
                .anyMatch(e -> e.type() == RolloutEvent.Type.LAUNCH_SPEC_ROLLED);
        if (!recorded) {
            tick.event(RolloutEvent.Type.LAUNCH_SPEC_ROLLED, "", image.isEmpty()
                    ? "the launch template chooses its AMI at launch; relying on the ecs.ami-id attribute"
                    : "group " + tick.group() + " now launches " + tick.rollout.toAmi() + " from "
                    + tick.observed.group().launchRef());
        }
        return true;
    }

    /** Runs an instance through as many phases as this tick allows. */
    private Optional<String> run(InstanceStep step, Tick tick) {
        InstanceStep current = step;
        for (int guard = 0; guard < StepPhase.values().length * 2 && !current.phase().isFinished(); guard++) {
            StepResult result = handlers.get(current.phase()).advance(current, tick);
            tick.replace(result.step());
            current = result.step();
            if (result instanceof StepResult.Paused p) {
                return Optional.of(p.reason());
            }
            if (result instanceof StepResult.Waiting) {
                break;
            }
        }
        return Optional.empty();
    }

    /** The instances this rollout has a step for, as a set: membership is asked once per candidate. */
    private static Set<String> stepped(Tick tick) {
        Set<String> ids = new HashSet<>();
        tick.steps().forEach(s -> ids.add(s.instanceId()));
        return ids;
    }

    private Optional<String> startNext(Tick tick) {
        Set<String> stepped = stepped(tick);
        List<GroupInstance> candidates = tick.outdated().stream()
                .filter(gi -> !stepped.contains(gi.instanceId())).toList();
        int total = tick.steps().size() + candidates.size();
        for (GroupInstance gi : candidates) {
            if (tick.admitted() >= tick.admissionLimit()) {
                break;
            }
            String arn = tick.containerInstance(gi.instanceId()).filter(ci ->
                    ci.status() != ContainerInstance.Status.INACTIVE).map(ContainerInstance::arn).orElse("");
            StepPhase first = tick.policy().surge() ? StepPhase.LAUNCH_REPLACEMENT : StepPhase.DRAIN;
            InstanceStep step = InstanceStep.start(gi.instanceId(), gi.availabilityZone(), arn, first, tick.now);
            tick.replace(step);
            tick.event(RolloutEvent.Type.INSTANCE_STARTED, gi.instanceId(), "replacing " + gi.instanceId() + " in "
                    + gi.availabilityZone() + " (" + tick.steps().size() + " of " + total + ")");
            Optional<String> paused = run(step, tick);
            if (paused.isPresent()) {
                return paused;
            }
        }
        return Optional.empty();
    }

    /**
     * With surge, desired capacity = the starting desired capacity + one per step holding a surge
     * slot, set once per tick after this tick's terminations (which decrement). It is only ever
     * raised here: lowering it would let the group pick which instance to terminate.
     */
    private Optional<String> surgeCapacity(Tick tick) {
        int wanted = tick.baseline().desired() + tick.surgeSlots();
        int desired = tick.desired();
        if (desired >= wanted) {
            return Optional.empty();
        }
        int before = tick.maxSize();
        int max = Math.max(before, wanted);
        if (max > before && !tick.policy().allowMaxSizeRaise()) {
            return Optional.of("surge needs desired capacity " + wanted + " but max size is " + before
                    + " and raising it is not allowed");
        }
        String waiting = tick.steps().stream().filter(s -> s.phase() == StepPhase.LAUNCH_REPLACEMENT)
                .map(InstanceStep::instanceId).collect(Collectors.joining(", "));
        String purpose = waiting.isEmpty() ? "to keep the replacements of the instances in flight"
                : "to launch replacements for " + waiting;
        List<String> replacedByGroup = tick.raiseDesired(wanted, max);
        if (!replacedByGroup.isEmpty()) {
            tick.event(RolloutEvent.Type.SURGE, "", "the group replaces " + String.join(", ", replacedByGroup)
                    + " as it terminates (desired capacity not decremented) " + purpose);
        }
        if (tick.capacityChange().isPresent()) {
            tick.event(RolloutEvent.Type.SURGE, "", "desired capacity " + (desired + replacedByGroup.size())
                    + " -> " + wanted
                    + (max != before ? ", max size " + before + " -> " + max : "") + " " + purpose);
        }
        return Optional.empty();
    }

    private Decision finish(Rollout original, Rollout.Builder next, Tick tick) {
        Baseline base = tick.baseline();
        GroupState g = tick.observed.group();
        int maxWanted = Math.max(base.max(), g.desired());
        if (g.max() != maxWanted) {
            tick.mutate(new Mutation.SetCapacity(tick.group(), g.desired(), maxWanted));
            tick.event(RolloutEvent.Type.CAPACITY_RESTORED, "", "max size " + g.max() + " -> " + maxWanted);
            return decide(original, next, tick);
        }
        if (g.desired() != base.desired()) {
            tick.event(RolloutEvent.Type.CAPACITY_RESTORED, "", "desired capacity is " + g.desired()
                    + ", the rollout started at " + base.desired() + "; left as it is");
        }
        tick.event(RolloutEvent.Type.SUCCEEDED, "", RolloutSummary.of(tick.rollout, tick.steps(), tick.now));
        next.state(RolloutState.SUCCEEDED, "").finishedAt(tick.now).nextCheckAt(null);
        return decide(original, next, tick);
    }

    private Decision pause(Rollout original, Rollout.Builder next, Tick tick, String reason) {
        tick.event(RolloutEvent.Type.PAUSED, "", reason);
        next.state(RolloutState.PAUSED, reason).nextCheckAt(null);
        return decide(original, next, tick);
    }

    private Decision decide(Rollout original, Rollout.Builder next, Tick tick) {
        Set<String> stepped = stepped(tick);
        long comingUp = tick.outdated().stream()
                .filter(gi -> !stepped.contains(gi.instanceId())).count();
        Rollout decided = next.steps(tick.steps()).events(tick.events())
                .toReplace(tick.steps().size() + (int) comingUp).build();
        List<RolloutEvent> added = decided.events().subList(original.events().size(), decided.events().size());
        return new Decision(decided, tick.mutations(), added);
    }
}
