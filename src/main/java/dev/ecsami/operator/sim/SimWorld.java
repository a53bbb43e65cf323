package dev.ecsami.operator.sim;

import dev.ecsami.operator.core.fleet.Lifecycle;
import dev.ecsami.operator.core.fleet.Resources;
import dev.ecsami.operator.core.fleet.TaskInfo;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
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
    final SimTerminations terminations = new SimTerminations(this);
    final List<SimActor> actors = new ArrayList<>();
    final SimTaskTimes taskTimes = new SimTaskTimes();
    /** Notifications AWS sent and nobody has read yet: lifecycle hooks' and Spot warnings. */
    final List<SimNotice> notices = new ArrayList<>();
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
        for (SimGroup g : groups.values()) {
            for (SimInstance i : g.instances) {
                min = earliest(min, i.lifecycle == Lifecycle.TERMINATING_WAIT ? i.hookDoneAt : null);
            }
        }
        for (SimTask t : tasks) {
            min = earliest(min, t.nextAt);
        }
        for (SimActor a : actors) {
            min = earliest(min, a.nextAt());
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
                    taskTimes.registered(i.id, t);
                }
                if (i.goneAt != null && !i.goneAt.isAfter(t)) {
                    g.instances.remove(i);
                    deregister(g.cluster, i.id);
                }
            }
        }
        scheduler.completeDueTasks(t);
        for (SimActor a : List.copyOf(actors)) {
            if (a.nextAt() != null && !a.nextAt().isAfter(t)) {
                a.act(this, t);
            }
        }
        for (SimGroup g : groups.values()) {
            terminations.progress(g, t);
            keepDesiredCapacity(g, t);
        }
        scheduler.reconcile(t);
        taskTimes.settle(this, t);
    }

    void register(SimGroup g, SimInstance i) {
        SimContainerInstance ci = new SimContainerInstance(
                "arn:aws:ecs:us-east-1:123456789012:container-instance/" + g.cluster + "/" + nextId("", 32),
                i.id, g.cluster, i.ami, i.az, instanceSize);
        clusters.computeIfAbsent(g.cluster, c -> new ArrayList<>()).add(ci);
        byInstance.put(i.id, ci);
    }

    private void deregister(String cluster, String instanceId) {
        clusters.getOrDefault(cluster, new ArrayList<>()).removeIf(ci -> ci.instanceId.equals(instanceId));
        byInstance.remove(instanceId);
        tasks.removeIf(t -> t.instanceId.equals(instanceId));
    }

    /**
     * Launches up to desired capacity, or scales in by the termination policy, unprotected
     * instances only (all protected: desired stays lower and nothing is terminated, as in AWS).
     * Standby instances do not count.
     */
    private void keepDesiredCapacity(SimGroup g, Instant t) {
        List<SimInstance> active = new ArrayList<>(inService(g));
        if (active.size() < g.desired && !g.suspended.contains("Launch")) {
            for (int n = active.size(); n < g.desired; n++) {
                launch(g, t);
            }
        } else if (active.size() > g.desired && !g.suspended.contains("Terminate")) {
            for (int n = active.size(); n > g.desired; n--) {
                SimInstance victim = SimTerminationPolicy.pick(g, active, true).orElse(null);
                if (victim == null) {
                    break;
                }
                active.remove(victim);
                log.actor(t, "scale-in", "terminates " + victim.id + " (desired " + g.desired + ")");
                beginTermination(victim, t, SimCause.SCALE_IN);
            }
        }
    }

    /** Instances that count toward desired capacity: neither leaving nor in Standby. */
    static List<SimInstance> inService(SimGroup g) {
        return g.instances.stream().filter(i -> !i.lifecycle.isLeaving() && i.lifecycle != Lifecycle.STANDBY).toList();
    }

    SimInstance launch(SimGroup g, Instant t) {
        List<String> order = new ArrayList<>(g.zones);
        if (g.zoneTies != null) {
            Collections.shuffle(order, g.zoneTies);
        }
        String zone = order.stream().min(Comparator.comparing((String z) -> inService(g).stream()
                .filter(i -> i.az.equals(z)).count())).orElseThrow();
        SimInstance i = new SimInstance(nextId("i-", 17), g.name, zone, g.launchRef, g.launchSpecs.get(g.launchRef), t);
        i.inServiceAt = t.plus(timings.boot());
        i.protectedFromScaleIn = g.newInstancesProtected;
        boolean registers = neverRegisterNextLaunches <= 0 && !neverRegister.contains(i.ami);
        if (neverRegisterNextLaunches > 0) {
            neverRegisterNextLaunches--;
        }
        i.registerAt = registers ? i.inServiceAt.plus(timings.registration()) : null;
        g.instances.add(i);
        taskTimes.launched(i.id, t);
        return i;
    }

    void beginTermination(SimInstance i, Instant t, SimCause cause) {
        terminations.begin(groups.get(i.group), i, t, cause);
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
