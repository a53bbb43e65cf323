package dev.ecsami.operator.runtime;

import dev.ecsami.operator.core.fleet.Observation;
import dev.ecsami.operator.core.model.AmiRef;
import dev.ecsami.operator.core.model.AmiSource;
import dev.ecsami.operator.core.model.OnNewAmi;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.Target;
import dev.ecsami.operator.core.model.Trigger;
import dev.ecsami.operator.core.port.AmiCatalog;
import dev.ecsami.operator.core.port.ContainerInstances.TaskDetail;
import dev.ecsami.operator.core.port.ExternalCallFailed;
import dev.ecsami.operator.core.port.FleetPorts;
import dev.ecsami.operator.core.port.Notifier;
import dev.ecsami.operator.core.port.RolloutStore;
import dev.ecsami.operator.core.rollout.OutdatedInstances;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Re-resolves every target's AMI (all in one batched read of the AMI sources) and acts on the targets that are behind, following each
 * target's on-new-ami policy. An announcement or a periodic check only triggers this; the
 * truth is what the AMI source resolves to now.
 */
public final class NewAmiCheck {
    public enum Action { CURRENT, STARTED, AWAITING_APPROVAL, NOTIFIED, ALREADY_ACTIVE, ERROR }

    public record Outcome(String target, String latestAmi, Action action, String detail) {
    }

    private final RolloutCommands commands;
    private final RolloutStore store;
    private final FleetPorts ports;
    private final Notifier notifier;

    public NewAmiCheck(RolloutCommands commands, RolloutStore store, FleetPorts ports, Notifier notifier) {
        this.commands = commands;
        this.store = store;
        this.ports = ports;
        this.notifier = notifier;
    }

    /** Synchronized: an announcement and the periodic check may arrive together; one acts, the other sees it. */
    public synchronized List<Outcome> run(Trigger trigger) {
        List<Outcome> outcomes = new ArrayList<>();
        List<Notifier.Behind> behind = new ArrayList<>();
        List<Target> targets = commands.targets().values().stream()
                .sorted(java.util.Comparator.comparing(Target::name)).toList();
        Map<AmiSource, AmiCatalog.Resolution> amis = ports.amiCatalog()
                .resolveAll(targets.stream().map(Target::ami).toList());
        for (Target target : targets) {
            try {
                outcomes.add(check(target, amis.get(target.ami()).orThrow(), trigger, behind));
            } catch (ExternalCallFailed | CommandRejected e) {
                outcomes.add(new Outcome(target.name(), "", Action.ERROR, e.getMessage()));
            }
        }
        if (!behind.isEmpty()) {
            notifier.targetsBehind(behind);
        }
        return outcomes;
    }

    private Outcome check(Target target, AmiRef latest, Trigger trigger, List<Notifier.Behind> behind) {
        Observation observed = commands.observe(target, TaskDetail.NONE);
        boolean specBehind = !observed.group().launchImageId().isEmpty()
                && !observed.group().launchImageId().equals(latest.imageId());
        if (!specBehind && OutdatedInstances.select(observed, latest.imageId()).isEmpty()) {
            return new Outcome(target.name(), latest.imageId(), Action.CURRENT, "already on " + latest);
        }
        Optional<Rollout> active = store.activeFor(target.autoScalingGroup());
        if (active.isPresent()) {
            return new Outcome(target.name(), latest.imageId(), Action.ALREADY_ACTIVE, "rollout "
                    + active.get().id() + " is " + active.get().state() + " towards " + active.get().toAmi());
        }
        AmiRef current = AmiRef.of(AmiChange.currentImage(observed));
        if (target.onNewAmi() == OnNewAmi.NOTIFY) {
            behind.add(new Notifier.Behind(target, current, latest, ""));
            return new Outcome(target.name(), latest.imageId(), Action.NOTIFIED, current + " -> " + latest);
        }
        boolean approve = target.onNewAmi() == OnNewAmi.APPROVE;
        Rollout r = commands.start(target.name(), Optional.empty(), Overrides.none(), trigger, "operator", approve);
        if (approve) {
            behind.add(new Notifier.Behind(target, r.fromAmi(), r.toAmi(), r.id()));
            return new Outcome(target.name(), latest.imageId(), Action.AWAITING_APPROVAL, "rollout " + r.id());
        }
        return new Outcome(target.name(), latest.imageId(), Action.STARTED, "rollout " + r.id());
    }
}
