package dev.ecsami.operator.api;

import dev.ecsami.operator.core.fleet.GroupState;
import dev.ecsami.operator.core.fleet.GroupSurroundings;
import dev.ecsami.operator.core.model.Target;
import dev.ecsami.operator.core.port.Fleet;
import dev.ecsami.operator.core.port.FleetPorts;
import dev.ecsami.operator.core.port.GroupNeighbours;
import dev.ecsami.operator.core.rollout.Plan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The groups' surroundings for the API, each read kept for {@link #FRESH_FOR}: GET /api/targets is
 * polled by dashboards, and a surroundings read costs several calls per target (more for accounts
 * with many groups). A plan reads afresh and refreshes the copy. Failed reads are not kept.
 */
@ApplicationScoped
public class SurroundingsCache {
    static final Duration FRESH_FOR = Duration.ofSeconds(30);

    private record Read(Instant at, GroupSurroundings surroundings) {
    }

    private final GroupNeighbours neighbours;
    private final Fleet fleet;
    private final Clock clock;
    private final Map<String, Read> reads = new ConcurrentHashMap<>();

    @Inject
    public SurroundingsCache(FleetPorts ports, Clock clock) {
        this(ports.neighbours(), ports.fleet(), clock);
    }

    SurroundingsCache(GroupNeighbours neighbours, Fleet fleet, Clock clock) {
        this.neighbours = neighbours;
        this.fleet = fleet;
        this.clock = clock;
    }

    /** The plan with the surroundings its findings speak of: the group and its surroundings read afresh. */
    public Views.PlannedRollout planned(Plan plan, Target target) {
        GroupState group = fleet.describe(target.autoScalingGroup());
        return Views.PlannedRollout.of(plan, Views.Surroundings.of(group,
                fresh(target.autoScalingGroup(), target.cluster()), plan.policy()));
    }

    /** The copy read less than {@link #FRESH_FOR} ago, or a new read. */
    public GroupSurroundings recent(String group, String cluster) {
        Read read = reads.get(key(group, cluster));
        Instant now = clock.instant();
        if (read != null && now.isBefore(read.at().plus(FRESH_FOR)) && !now.isBefore(read.at())) {
            return read.surroundings();
        }
        return fresh(group, cluster);
    }

    /** A new read, kept for the next {@link #recent} calls. */
    public GroupSurroundings fresh(String group, String cluster) {
        Instant at = clock.instant();
        GroupSurroundings read = neighbours.read(group, cluster);
        reads.put(key(group, cluster), new Read(at, read));
        return read;
    }

    private static String key(String group, String cluster) {
        return cluster + "/" + group;
    }
}
