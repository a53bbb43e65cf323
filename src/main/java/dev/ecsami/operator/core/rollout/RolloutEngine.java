package dev.ecsami.operator.core.rollout;

import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.fleet.GroupInstance;
import dev.ecsami.operator.core.fleet.Observation;
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
            if (rollout.windingDown() && rollout.handedTo() != null) {
                return Reactivate.afterHandOver(rollout, observed, now);
            }
            return rollout.windingDown() && rollout.baseline() != null ? windDown(rollout, observed, now)
                    : Decision.unchanged(rollout);
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
            current = BaselineCapture.started(current, observed, now, next);
        }
        Tick tick = new Tick(current, observed, now);
        next.steps(current.steps());
        if (!launchSpecRolled(tick)) {
            return holdingGroup(rollout, next, tick);
        }
        for (InstanceStep step : current.inFlight()) {
            Optional<String> paused = run(step, tick);
            if (paused.isPresent()) {
                return pause(rollout, holdingGroup(next, tick), tick, paused.get());
            }
        }
        Optional<String> paused = startNext(tick).or(() -> surgeCapacity(tick));
        if (paused.isPresent()) {
            return pause(rollout, holdingGroup(next, tick), tick, paused.get());
        }
        Set<String> stepped = stepped(tick);
        if (tick.steps().stream().allMatch(s -> s.phase().isFinished() || s.extra())
                && tick.outdated().stream().allMatch(gi -> stepped.contains(gi.instanceId()))) {
            return finish(rollout, next, tick);
        }
        return holdingGroup(rollout, next, tick);
    }

    /**
     * While the rollout holds the group (every tick but those that give back), the processes it
     * suspends stay suspended and the instances launched since it started are protected.
     */
    private Decision holdingGroup(Rollout original, Rollout.Builder next, Tick tick) {
        return decide(original, holdingGroup(next, tick), tick);
    }

    private static Rollout.Builder holdingGroup(Rollout.Builder next, Tick tick) {
        Reactivate.skippedActive(tick);
        ScaleInProtection.protectNewInstances(tick);
        GroupProcesses.keepSuspended(tick);
        return next;
    }

    /** An aborted or failed rollout giving back what it changed; a step that cannot leaves the rest. */
    private Decision windDown(Rollout rollout, Observation observed, Instant now) {
        Rollout.Builder next = rollout.toBuilder().updatedAt(now).nextCheckAt(now.plus(rollout.policy().pollInterval()));
        Tick tick = new Tick(rollout, observed, now);
        boolean stuck = false;
        for (InstanceStep step : rollout.inFlight()) {
            Optional<String> paused = run(step, tick);
            if (paused.isPresent()) {
                tick.replace(tick.steps().stream().filter(s -> s.instanceId().equals(step.instanceId())).findFirst()
                        .orElse(step).enter(StepPhase.SKIPPED, now));
                tick.event(RolloutEvent.Type.INSTANCE_SKIPPED, step.instanceId(), "not given back, left in place "
                        + "and ACTIVE: " + paused.get());
                stuck = true;
            }
        }
        boolean gaveUp = stuck || rollout.steps().stream().anyMatch(s -> s.extra() && s.phase() == StepPhase.SKIPPED);
        WindDown.Progress progress = WindDown.advance(tick, !gaveUp);
        if (progress == WindDown.Progress.GIVING_BACK) {
            surgeCapacity(tick);
            GroupProcesses.keepSuspended(tick);
        }
        if (progress == WindDown.Progress.DONE && tick.steps().stream().allMatch(s -> s.phase().isFinished())) {
            tick.event(RolloutEvent.Type.CAPACITY_RESTORED, "", "gave back what the rollout changed: desired capacity "
                    + observed.group().desired() + ", max size " + observed.group().max());
            next.windingDown(false).nextCheckAt(null);
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
        InstanceStep current = LeftTheGroup.check(step, tick);
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
        tick.steps().stream().filter(s -> !LeftTheGroup.backFromStandby(s, tick)).forEach(s -> ids.add(s.instanceId()));
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
        int wanted = tick.desiredWithoutRollout() + tick.surgeSlots();
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

    /**
     * No outdated instance is left in service: outdated instances in Standby stop the rollout
     * short of SUCCEEDED; otherwise it gives back what it changed, then succeeds.
     */
    private Decision finish(Rollout original, Rollout.Builder next, Tick tick) {
        List<String> standby = OutdatedInstances.inStandby(tick.observed, tick.rollout.toAmi().imageId());
        if (!standby.isEmpty()) {
            return pause(original, holdingGroup(next, tick), tick, "outdated instances in Standby: " + String.join(", ", standby)
                    + "; the rollout does not replace instances in Standby: move them out of Standby "
                    + "(aws autoscaling exit-standby) or detach them, then resume the rollout");
        }
        WindDown.Progress progress = WindDown.advance(tick, true);
        if (progress == WindDown.Progress.GIVING_BACK) {
            return holdingGroup(original, next, tick);
        }
        if (progress == WindDown.Progress.RESTORING) {
            return decide(original, next, tick);
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
        long givenBack = tick.steps().stream().filter(InstanceStep::extra).count();
        Rollout decided = next.steps(tick.steps()).events(tick.events()).ledger(tick.ledgerAfter())
                .toReplace(tick.steps().size() - (int) givenBack + (int) comingUp).build();
        if (decided.state() == RolloutState.RUNNING && decided.nextCheckAt() != null) {
            decided = decided.toBuilder().nextCheckAt(NextLook.at(decided, tick.now,
                    !tick.events().isEmpty() || !tick.mutations().isEmpty()))
                    .build();
        }
        List<RolloutEvent> added = decided.events().subList(original.events().size(), decided.events().size());
        return new Decision(decided, tick.mutations(), added);
    }
}
