package dev.ecsami.operator.sim;

import dev.ecsami.operator.core.fleet.Lifecycle;
import dev.ecsami.operator.core.fleet.Resources;
import dev.ecsami.operator.core.fleet.TaskInfo;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state of the simulated AWS and how it moves with time: instances boot, register and go
 * away; the group keeps its desired capacity; ECS places and stops tasks. Time only moves in
 * {@link #advance()}, up to the clock's now, event by event.
 */
final class SimWorld {
    final Clock clock;
    final SimTimings timings;
    final SimCallLog log = new SimCallLog();
    final Map<String, SimGroup> groups = new LinkedHashMap<>();
    final Map<String, List<SimContainerInstance>> clusters = new LinkedHashMap<>();
    final Map<String, SimService> services = new LinkedHashMap<>();
    final List<SimTask> tasks = new ArrayList<>();
    final Map<String, String> ssmParameters = new LinkedHashMap<>();
    final Map<String, SimImage> images = new LinkedHashMap<>();
    final Set<String> neverRegister = new HashSet<>();
    private final Map<String, SimContainerInstance> byInstance = new java.util.HashMap<>();
    final SimEcsScheduler scheduler = new SimEcsScheduler(this);
    int neverRegisterNextLaunches;
    Resources instanceSize = new Resources(2048, 7680);
    private long ids = 0x1000;

    record SimImage(String id, String name, String architecture) {
    }

    SimWorld(Clock clock, SimTimings timings) {
        this.clock = clock;
        this.timings = timings;
    }

    Instant now() {
        return clock.instant();
    }

    String nextId(String prefix, int hexDigits) {
        return prefix + String.format("%0" + hexDigits + "x", ids++);
    }

    /** Processes every event due up to now, in time order, then reconciles at now. */
    void advance() {
        Instant now = now();
        for (int guard = 0; guard < 1_000_000; guard++) {
            Instant next = nextEventAt();
            if (next == null || next.isAfter(now)) {
                break;
            }
            processAt(next);
        }
        processAt(now);
    }

    /** Like ECS, the service scheduler reacts to a status change within moments, not at the next step. */
    void schedulerReacts() {
        scheduler.reconcile(now());
    }

    private Instant nextEventAt() {
        Instant min = null;
        for (SimGroup g : groups.values()) {
            for (SimInstance i : g.instances) {
                min = earliest(min, i.lifecycle == Lifecycle.PENDING ? i.inServiceAt : null);
                min = earliest(min, i.registerAt);
                min = earliest(min, i.goneAt);
            }
        }
        for (SimTask t : tasks) {
            min = earliest(min, t.nextAt);
        }
        return min;
    }

    private static Instant earliest(Instant a, Instant b) {
        if (b == null) {
            return a;
        }
        return a == null || b.isBefore(a) ? b : a;
    }

    private void processAt(Instant t) {
        for (SimGroup g : groups.values()) {
            for (SimInstance i : new ArrayList<>(g.instances)) {
                if (i.lifecycle == Lifecycle.PENDING && !i.inServiceAt.isAfter(t)) {
                    i.lifecycle = Lifecycle.IN_SERVICE;
                }
                if (i.registerAt != null && !i.registerAt.isAfter(t)) {
                    i.registerAt = null;
                    register(g, i);
                }
                if (i.goneAt != null && !i.goneAt.isAfter(t)) {
                    g.instances.remove(i);
                    deregister(g.cluster, i.id);
                }
            }
        }
        scheduler.completeDueTasks(t);
        for (SimGroup g : groups.values()) {
            keepDesiredCapacity(g, t);
        }
        scheduler.reconcile(t);
    }

    void register(SimGroup g, SimInstance i) {
        SimContainerInstance ci = new SimContainerInstance(
                "arn:aws:ecs:us-east-1:123456789012:container-instance/" + g.cluster + "/" + nextId("", 32),
                i.id, g.cluster, i.ami, instanceSize);
        clusters.computeIfAbsent(g.cluster, c -> new ArrayList<>()).add(ci);
        byInstance.put(i.id, ci);
    }

    private void deregister(String cluster, String instanceId) {
        clusters.getOrDefault(cluster, new ArrayList<>()).removeIf(ci -> ci.instanceId.equals(instanceId));
        byInstance.remove(instanceId);
        tasks.removeIf(t -> t.instanceId.equals(instanceId));
    }

    private void keepDesiredCapacity(SimGroup g, Instant t) {
        List<SimInstance> active = g.instances.stream().filter(i -> !i.lifecycle.isLeaving()).toList();
        if (active.size() < g.desired && !g.suspended.contains("Launch")) {
            for (int n = active.size(); n < g.desired; n++) {
                launch(g, t);
            }
        } else if (active.size() > g.desired && !g.suspended.contains("Terminate")) {
            active.stream()
                    .sorted(Comparator.comparing((SimInstance i) -> i.launchRef.equals(g.launchRef))
                            .thenComparing(i -> i.launchedAt))
                    .limit(active.size() - g.desired)
                    .forEach(i -> beginTermination(i, t));
        }
    }

    SimInstance launch(SimGroup g, Instant t) {
        String zone = g.zones.stream().min(Comparator.comparing((String z) -> g.instances.stream()
                .filter(i -> !i.lifecycle.isLeaving() && i.az.equals(z)).count())).orElseThrow();
        SimInstance i = new SimInstance(nextId("i-", 17), g.name, zone, g.launchRef, g.launchSpecs.get(g.launchRef), t);
        i.inServiceAt = t.plus(timings.boot());
        boolean registers = neverRegisterNextLaunches <= 0 && !neverRegister.contains(i.ami);
        if (neverRegisterNextLaunches > 0) {
            neverRegisterNextLaunches--;
        }
        i.registerAt = registers ? i.inServiceAt.plus(timings.registration()) : null;
        g.instances.add(i);
        return i;
    }

    void beginTermination(SimInstance i, Instant t) {
        SimContainerInstance ci = containerInstance(i.id);
        int service = 0;
        int standalone = 0;
        for (SimTask task : tasks) {
            if (task.instanceId.equals(i.id) && task.kind == TaskInfo.Kind.SERVICE) {
                service++;
            } else if (task.instanceId.equals(i.id) && task.kind == TaskInfo.Kind.STANDALONE) {
                standalone++;
            }
        }
        log.termination(new SimCallLog.TerminationRecord(t, i.id, ci == null ? 0 : service, standalone));
        i.lifecycle = Lifecycle.TERMINATING;
        i.registerAt = null;
        i.goneAt = t.plus(timings.termination());
    }

    SimContainerInstance containerInstance(String instanceId) {
        return byInstance.get(instanceId);
    }

    SimInstance instance(String instanceId) {
        for (SimGroup g : groups.values()) {
            for (SimInstance i : g.instances) {
                if (i.id.equals(instanceId)) {
                    return i;
                }
            }
        }
        return null;
    }
}
