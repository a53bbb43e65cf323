package dev.ecsami.operator.bench;

import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.fleet.GroupInstance;
import dev.ecsami.operator.core.fleet.GroupState;
import dev.ecsami.operator.core.fleet.Lifecycle;
import dev.ecsami.operator.core.model.AmiRef;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The peers of figure 1b, driven step by step over the simulated AWS through the same ports the
 * operator uses; bench code, not operator features. Old instances leave as ECS managed draining
 * lets them: set DRAINING, held until no task is left, then terminated.
 */
final class PeerDrivers {
    /** One strategy, advanced once per virtual step; done when no old instance is left. */
    interface Driver {
        boolean step(SimulatedFleet f);
    }

    private PeerDrivers() {
    }

    /**
     * EC2 Auto Scaling Instance Refresh with ECS managed draining, by its documented semantics:
     * batches of (MaxHealthy - MinHealthy) percent of the group, at least one instance. With
     * MaxHealthy 100 an old batch is drained and terminated first (the group launches the
     * replacements as they go); above 100, replacements for the batch are launched first and the old
     * batch is drained once they are InService, then terminated decrementing desired capacity. The
     * next batch starts once the group is back at desired InService; services' steadiness is not waited for.
     */
    static Driver instanceRefresh(int minHealthy, int maxHealthy) {
        return new Driver() {
            private final Set<String> batch = new LinkedHashSet<>();
            private boolean launched;
            private int baseDesired = -1;

            @Override
            public boolean step(SimulatedFleet f) {
                GroupState g = f.aws.peekGroup(SimulatedFleet.GROUP);
                if (baseDesired < 0) {
                    baseDesired = g.desired();
                    roll(f);
                }
                batch.removeIf(id -> g.instance(id).map(gi -> gi.lifecycle().isLeaving()).orElse(true));
                if (batch.isEmpty()) {
                    if (!atDesired(f)) {
                        return false;
                    }
                    List<String> old = old(f);
                    if (old.isEmpty()) {
                        return true;
                    }
                    int size = Math.max(1, baseDesired * (maxHealthy - minHealthy) / 100);
                    batch.addAll(old.subList(0, Math.min(size, old.size())));
                    launched = false;
                    if (maxHealthy > 100) {
                        int desired = baseDesired + batch.size();
                        f.aws.fleet().setCapacity(SimulatedFleet.GROUP, desired, Math.max(g.max(), desired));
                        return false;
                    }
                    launched = true;
                }
                if (!launched) {
                    if (!atDesired(f)) {
                        return false;
                    }
                    launched = true;
                }
                for (String id : batch) {
                    drainThenTerminate(f, id, maxHealthy > 100);
                }
                return false;
            }
        };
    }

    /** A naive Lambda drainer: one old instance at a time, drained through its hook, terminated; no surge, no wait for the replacement. */
    static Driver naive() {
        return new Driver() {
            private String current;
            private boolean rolled;

            @Override
            public boolean step(SimulatedFleet f) {
                if (!rolled) {
                    roll(f);
                    rolled = true;
                }
                GroupState g = f.aws.peekGroup(SimulatedFleet.GROUP);
                if (current != null && g.instance(current).map(gi -> gi.lifecycle().isLeaving()).orElse(true)) {
                    current = null;
                }
                if (current == null) {
                    List<String> old = old(f);
                    if (old.isEmpty()) {
                        return atDesired(f);
                    }
                    current = old.get(0);
                }
                drainThenTerminate(f, current, false);
                return false;
            }
        };
    }

    private static void roll(SimulatedFleet f) {
        f.aws.launchSpecs().rollTo(SimulatedFleet.GROUP, new AmiRef(SimulatedFleet.NEW_AMI, "new"));
    }

    /** Old instances still in service, by id. */
    private static List<String> old(SimulatedFleet f) {
        List<String> ids = new ArrayList<>();
        for (GroupInstance gi : f.aws.peekGroup(SimulatedFleet.GROUP).instances()) {
            if (!gi.lifecycle().isLeaving() && !SimulatedFleet.NEW_AMI.equals(f.aws.setup().amiOf(gi.instanceId()))) {
                ids.add(gi.instanceId());
            }
        }
        ids.sort(String::compareTo);
        return ids;
    }

    /** Desired capacity InService and registered ACTIVE: the group is healthy again. */
    private static boolean atDesired(SimulatedFleet f) {
        GroupState g = f.aws.peekGroup(SimulatedFleet.GROUP);
        long inService = g.instances().stream().filter(gi -> gi.lifecycle() == Lifecycle.IN_SERVICE).count();
        return inService >= g.desired() && f.servingCapacity() >= g.desired();
    }

    /** Managed draining: DRAINING first, terminated once no task is left on it. */
    private static void drainThenTerminate(SimulatedFleet f, String instanceId, boolean decrement) {
        ContainerInstance ci = f.aws.peekCluster(SimulatedFleet.CLUSTER).forEc2Instance(instanceId).orElse(null);
        if (ci == null) {
            return;
        }
        if (ci.status() == ContainerInstance.Status.ACTIVE) {
            f.aws.containerInstances().setState(SimulatedFleet.CLUSTER, List.of(ci.arn()),
                    ContainerInstance.Status.DRAINING);
        } else if (ci.blockingTasks() == 0) {
            f.aws.fleet().terminate(SimulatedFleet.GROUP, instanceId, decrement);
        }
    }
}
