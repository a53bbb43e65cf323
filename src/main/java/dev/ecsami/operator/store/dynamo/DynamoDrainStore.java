package dev.ecsami.operator.store.dynamo;

import dev.ecsami.operator.core.drain.DrainRecord;
import dev.ecsami.operator.core.port.DrainStore;
import dev.ecsami.operator.store.RolloutJson;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static dev.ecsami.operator.store.dynamo.DynamoTable.n;
import static dev.ecsami.operator.store.dynamo.DynamoTable.number;
import static dev.ecsami.operator.store.dynamo.DynamoTable.s;
import static dev.ecsami.operator.store.dynamo.DynamoTable.text;

/**
 * Drain records in the shared table, one item each, so that a new leader resumes the drains in
 * progress and their heartbeats. Every write is conditional on the item's {@code version} (the one
 * this replica last read or wrote), and the leader's writes on {@code fence <= token} as for
 * rollouts. An ended drain expires (TTL) {@link #KEEP_ENDED} after it ended.
 */
public final class DynamoDrainStore implements DrainStore {
    static final String PARTITION = "drains";
    /** How long an ended drain stays listed, as the Slack message ids of rollouts. */
    static final Duration KEEP_ENDED = Duration.ofDays(90);
    private static final Comparator<DrainRecord> NEWEST_FIRST = Comparator.comparing(DrainRecord::startedAt)
            .reversed().thenComparing(DrainRecord::id);

    private final RolloutJson json;
    private final DynamoTable table;
    /** The version and fence of each record as this replica last read or wrote it. */
    private final Map<String, Stored> seen = new ConcurrentHashMap<>();

    private record Stored(DrainRecord drain, long version, long fence) {
    }

    public DynamoDrainStore(RolloutJson json, DynamoTable table) {
        this.json = json;
        this.table = table;
    }

    @Override
    public void create(DrainRecord drain) {
        if (!table.put(item(drain, 1, 0), "attribute_not_exists(#pk)", Map.of("#pk", DynamoTable.PK), Map.of())) {
            throw new Conflict("drain " + drain.id() + " is recorded already");
        }
        seen.put(drain.id(), new Stored(drain, 1, 0));
    }

    @Override
    public void update(DrainRecord before, DrainRecord after, long fencingToken) {
        Stored was = seen.get(before.id());
        if (was == null || !was.drain().equals(before)) {
            was = read(table.get(PARTITION, before.id())).filter(s -> s.drain().equals(before))
                    .orElseThrow(() -> new Conflict("drain " + before.id() + " was changed since it was read"));
        }
        DynamoTable.Expected expected = DynamoTable.Expected.versionAndFence(was.version(), fencingToken);
        long fence = Math.max(fencingToken, was.fence());
        if (!table.put(item(after, was.version() + 1, fence), expected.condition(), expected.names(),
                expected.values())) {
            seen.remove(before.id());
            throw new Conflict("drain " + before.id() + " was changed by another replica, or a newer leader "
                    + "holds the lease (fencing token " + fencingToken + ")");
        }
        seen.put(after.id(), new Stored(after, was.version() + 1, fence));
    }

    @Override
    public Optional<DrainRecord> find(String id) {
        return read(table.get(PARTITION, id)).map(Stored::drain);
    }

    @Override
    public List<DrainRecord> all() {
        return query(false);
    }

    /** Only the records still draining come back over the wire. */
    @Override
    public List<DrainRecord> active() {
        return query(true);
    }

    private List<DrainRecord> query(boolean activeOnly) {
        List<DrainRecord> out = new ArrayList<>();
        (activeOnly ? table.partition(PARTITION, "#state = :draining", Map.of("#state", "state"),
                Map.of(":draining", s(DrainRecord.State.DRAINING.name())))
                : table.partition(PARTITION, "", Map.of(), Map.of()))
                .forEach(item -> read(item).ifPresent(s -> out.add(s.drain())));
        out.sort(NEWEST_FIRST);
        return out;
    }

    private Optional<Stored> read(Map<String, AttributeValue> item) {
        if (item.isEmpty()) {
            return Optional.empty();
        }
        Stored stored = new Stored(json.drain(text(item, "body")), number(item, "version"),
                number(item, "fence"));
        seen.put(stored.drain().id(), stored);
        return Optional.of(stored);
    }

    private Map<String, AttributeValue> item(DrainRecord d, long version, long fence) {
        Map<String, AttributeValue> item = new HashMap<>(DynamoTable.key(PARTITION, d.id()));
        item.put("version", n(version));
        item.put("fence", n(fence));
        item.put("state", s(d.state().name()));
        item.put("body", s(json.write(d)));
        if (d.endedAt() != null) {
            item.put(DynamoTable.TTL, n(d.endedAt().plus(KEEP_ENDED).getEpochSecond()));
        }
        return item;
    }
}
