package dev.ecsami.operator.sim;

import dev.ecsami.operator.core.fleet.ClusterState;
import dev.ecsami.operator.core.fleet.GroupState;
import dev.ecsami.operator.core.fleet.GroupSurroundings;
import dev.ecsami.operator.core.model.AmiRef;
import dev.ecsami.operator.core.port.AmiCatalog;
import dev.ecsami.operator.core.port.ContainerInstances;
import dev.ecsami.operator.core.port.ExternalCallFailed;
import dev.ecsami.operator.core.port.Fleet;
import dev.ecsami.operator.core.port.FleetPorts;
import dev.ecsami.operator.core.port.GroupNeighbours;
import dev.ecsami.operator.core.port.LaunchSpecs;
import dev.ecsami.operator.core.port.LifecycleActions;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An in-process AWS for the demo and the tests: the ports of the core, answered by a simulated
 * ECS cluster and Auto Scaling group that move with a (virtual) clock. Every call passes through
 * the fault plan and is counted; every mutation is logged. Each port is a view on one world.
 */
public final class SimulatedAws {
    private final SimWorld world;
    private final SimViews views;
    private final FaultPlan faults = new FaultPlan();
    private final SimSetup setup;
    private final SimActors actors;
    private final Fleet fleet = new SimFleet();
    private final ContainerInstances containerInstances;
    private final LaunchSpecs launchSpecs = new SimLaunchSpecs();
    private final AmiCatalog amiCatalog;
    private final GroupNeighbours neighbours = new SimNeighbours();
    private final LifecycleActions lifecycleActions;
    private final SimCalls calls;

    public SimulatedAws(Clock clock, SimTimings timings) {
        this.world = new SimWorld(clock, timings);
        this.views = new SimViews(world);
        this.setup = new SimSetup(world);
        this.actors = new SimActors(world);
        this.calls = new SimCalls(world.log, faults);
        this.lifecycleActions = new SimLifecycleActions(world, views, calls);
        this.amiCatalog = new SimAmiCatalog(world, calls);
        this.containerInstances = new SimContainerInstances(world, views, calls);
    }

    /** The notifications sent since the last call (lifecycle hooks', Spot warnings), oldest first. */
    public List<SimNotice> takeNotices() {
        synchronized (world) {
            List<SimNotice> sent = new ArrayList<>(world.notices);
            world.notices.clear();
            return sent;
        }
    }

    public LifecycleActions lifecycleActions() {
        return lifecycleActions;
    }

    /** Switches on the other actors of a group: rebalancing, scaling, hooks, health, Spot, Standby. */
    public SimActors actors() {
        return actors;
    }

    /** Others' net change of the group's desired capacity so far (not the operator's), for checks. */
    public int othersNet(String group) {
        synchronized (world) {
            return views.requireGroup(group, "peek").othersNet;
        }
    }

    /** Builds groups, services, tasks, images and faults. */
    public SimSetup setup() {
        return setup;
    }

    /** The clock the world follows; an adapter in front of the world keeps time by it too. */
    public Clock clock() {
        return world.clock;
    }

    public FaultPlan faults() {
        return faults;
    }

    public SimCallLog log() {
        return world.log;
    }

    /** What the world's own timings made launches and drains take. */
    public SimTaskTimes taskTimes() {
        return world.taskTimes;
    }

    /** Moves the world up to the clock's now. */
    public void advance() {
        synchronized (world) {
            world.advance();
        }
    }

    /**
     * Instances of the group whose termination the operator asked for (its scaling activities "in
     * response to a user request"): no fault, not counted.
     */
    public Set<String> terminatedByOperator(String group) {
        synchronized (world) {
            Set<String> ids = new java.util.TreeSet<>();
            views.requireGroup(group, "DescribeScalingActivities").instances.stream()
                    .filter(i -> i.cause == SimCause.OPERATOR).forEach(i -> ids.add(i.id));
            world.log.terminations().stream().filter(t -> t.cause() == SimCause.OPERATOR)
                    .forEach(t -> ids.add(t.instanceId()));
            return ids;
        }
    }

    /** The group as a test sees it: no fault, not counted. */
    public GroupState peekGroup(String group) {
        synchronized (world) {
            return views.group(group);
        }
    }

    /** The cluster with every task: no fault, not counted. */
    public ClusterState peekCluster(String cluster) {
        synchronized (world) {
            return views.cluster(cluster, ContainerInstances.TaskDetail.ALL);
        }
    }

    public Fleet fleet() {
        return fleet;
    }

    public ContainerInstances containerInstances() {
        return containerInstances;
    }

    public LaunchSpecs launchSpecs() {
        return launchSpecs;
    }

    public AmiCatalog amiCatalog() {
        return amiCatalog;
    }

    public GroupNeighbours neighbours() {
        return neighbours;
    }

    /** Every port the operator reaches AWS through, over this world. */
    public FleetPorts ports() {
        return new FleetPorts(fleet, containerInstances, launchSpecs, amiCatalog, neighbours);
    }

    private final class SimNeighbours implements GroupNeighbours {
        @Override
        public GroupSurroundings read(String group, String cluster) {
            synchronized (world) {
                calls.enter("DescribeLifecycleHooks");
                return views.requireGroup(group, "DescribeLifecycleHooks").surroundings;
            }
        }
    }

    private final class SimFleet implements Fleet {
        @Override
        public GroupState describe(String group) {
            synchronized (world) {
                calls.enter("DescribeAutoScalingGroups");
                return views.group(group);
            }
        }

        @Override
        public void setCapacity(String group, int desired, int max) {
            synchronized (world) {
                calls.enter("UpdateAutoScalingGroup");
                SimGroup g = views.requireGroup(group, "UpdateAutoScalingGroup");
                if (desired < g.min || desired > max) {
                    throw new ExternalCallFailed("UpdateAutoScalingGroup", "ValidationError", "desired capacity "
                            + desired + " must be between min " + g.min + " and max " + max, false);
                }
                g.desired = desired;
                g.max = max;
                world.log.mutation(world.now(), "SetCapacity", group + " desired=" + desired + " max=" + max);
            }
        }

        @Override
        public Set<String> terminatedOnRequest(String group, Set<String> instanceIds) {
            synchronized (world) {
                calls.enter("DescribeScalingActivities");
                Set<String> requested = new java.util.HashSet<>(terminatedByOperator(group));
                requested.retainAll(instanceIds);
                return requested;
            }
        }

        @Override
        public void terminate(String group, String instanceId, boolean decrementDesiredCapacity) {
            synchronized (world) {
                calls.enter("TerminateInstanceInAutoScalingGroup");
                SimGroup g = views.requireGroup(group, "TerminateInstanceInAutoScalingGroup");
                SimInstance i = g.instances.stream().filter(x -> x.id.equals(instanceId)).findFirst()
                        .orElseThrow(() -> new ExternalCallFailed("TerminateInstanceInAutoScalingGroup", "ValidationError",
                                "instance " + instanceId + " is not part of group " + group, false));
                if (i.lifecycle.isLeaving()) {
                    throw new ExternalCallFailed("TerminateInstanceInAutoScalingGroup", "ScalingActivityInProgress",
                            "instance " + instanceId + " is already terminating", false);
                }
                if (decrementDesiredCapacity) {
                    if (g.desired - 1 < g.min) {
                        throw new ExternalCallFailed("TerminateInstanceInAutoScalingGroup", "ValidationError",
                                "terminating without replacement would violate min size " + g.min, false);
                    }
                    g.desired--;
                }
                world.beginTermination(i, world.now(), SimCause.OPERATOR);
                world.log.mutation(world.now(), "Terminate", instanceId + (decrementDesiredCapacity ? " decrement" : ""));
            }
        }

        @Override
        public void suspendProcesses(String group, Set<String> processes) {
            changeProcesses("SuspendProcesses", group, processes, Set::addAll);
        }

        @Override
        public void resumeProcesses(String group, Set<String> processes) {
            changeProcesses("ResumeProcesses", group, processes, Set::removeAll);
        }

        /** Suspends or resumes: {@code change} applies the processes to the group's suspended ones. */
        private void changeProcesses(String operation, String group, Set<String> processes,
                                     java.util.function.BiConsumer<Set<String>, Set<String>> change) {
            synchronized (world) {
                calls.enter(operation);
                change.accept(views.requireGroup(group, operation).suspended, processes);
                world.log.mutation(world.now(), operation, group + " " + new java.util.TreeSet<>(processes));
            }
        }

        @Override
        public void setInstanceProtection(String group, List<String> instanceIds, boolean protect) {
            synchronized (world) {
                calls.enter("SetInstanceProtection");
                SimGroup g = views.requireGroup(group, "SetInstanceProtection");
                for (String id : instanceIds) {
                    SimInstance i = g.instances.stream().filter(x -> x.id.equals(id)).findFirst()
                            .orElseThrow(() -> new ExternalCallFailed("SetInstanceProtection", "ValidationError",
                                    "The instance " + id + " is not part of Auto Scaling group " + group + ".", false));
                    i.protectedFromScaleIn = protect;
                }
                world.log.mutation(world.now(), protect ? "Protect" : "Unprotect", String.join(",", instanceIds));
            }
        }
    }

    private final class SimLaunchSpecs implements LaunchSpecs {
        @Override
        public String rollTo(String group, AmiRef ami) {
            synchronized (world) {
                calls.enter("CreateLaunchTemplateVersion");
                SimGroup g = views.requireGroup(group, "CreateLaunchTemplateVersion");
                String ref = g.launchSpecs.entrySet().stream().filter(e -> e.getValue().equals(ami.imageId()))
                        .map(Map.Entry::getKey).reduce((a, b) -> b).orElse(null);
                if (ref == null) {
                    ref = "lt-" + group + ":" + (g.launchSpecs.size() + 1);
                    g.launchSpecs.put(ref, ami.imageId());
                }
                if (!ref.equals(g.launchRef)) {
                    g.launchRef = ref;
                    world.log.mutation(world.now(), "RollLaunchSpec", group + " -> " + ref + " " + ami.imageId());
                }
                return ref;
            }
        }
    }
}
