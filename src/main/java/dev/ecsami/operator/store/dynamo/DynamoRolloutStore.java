package dev.ecsami.operator.store.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.model.RolloutState;
import dev.ecsami.operator.core.port.RolloutStore;
import dev.ecsami.operator.store.RolloutJson;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static dev.ecsami.operator.store.dynamo.DynamoTable.PK;
import static dev.ecsami.operator.store.dynamo.DynamoTable.SK;
import static dev.ecsami.operator.store.dynamo.DynamoTable.n;
import static dev.ecsami.operator.store.dynamo.DynamoTable.number;
import static dev.ecsami.operator.store.dynamo.DynamoTable.s;
import static dev.ecsami.operator.store.dynamo.DynamoTable.text;

/**
 * Rollouts in a DynamoDB table shared by replicas. A rollout is a head item (everything but its
 * history, with a {@code version} every write is conditional on) and one item per event. A write
 * puts the head first: it is the commit point and carries the events it adds ({@code pending}), so
 * a reader sees the whole write or none of it; the event items follow, and whoever writes next
 * puts any that a crash left out. Events already read are never read again.
 */
public final class DynamoRolloutStore implements RolloutStore {
    static final String HEADS = "rollouts";
    private static final int REMEMBERED = 2048;

    private final RolloutJson json;
    private final DynamoTable table;
    private final GroupClaims claims;
    /** The version each rollout this store read or wrote had, by value: what a later write expects. */
    private final Map<Rollout, Long> versions = lru(REMEMBERED);
    /** Events of each rollout known to be committed, and how many of them are known to be items. */
    private final Map<String, List<RolloutEvent>> events = new HashMap<>();
    private final Map<String, Integer> written = new HashMap<>();

    public DynamoRolloutStore(RolloutJson json, DynamoTable table, Clock clock) {
        this.json = json;
        this.table = table;
        this.claims = new GroupClaims(table, clock);
    }

    @Override
    public void create(Rollout rollout) {
        claims.claim(rollout.autoScalingGroup(), rollout.id(), this::find);
        Map<String, AttributeValue> head = head(rollout, 1, 0, 0, rollout.events());
        if (!table.put(head, "attribute_not_exists(#pk)", Map.of("#pk", PK), Map.of())) {
            throw new Conflict("rollout " + rollout.id() + " already exists");
        }
        putEvents(rollout.id(), rollout.events(), 0);
        remember(rollout, 1);
    }

    @Override
    public void update(Rollout before, Rollout after, long fencingToken) {
        if (!before.id().equals(after.id()) || !isPrefix(before.events(), after.events())) {
            throw new IllegalArgumentException("rollout " + after.id() + " does not follow from " + before.id()
                    + " (another id, or history rewritten)");
        }
        Long version = version(before);
        if (version == null) {
            throw new Conflict("rollout " + before.id() + " was not read from this store in that state");
        }
        int from = before.events().size();
        putEvents(before.id(), before.events(), writtenCount(before.id()));
        Map<String, AttributeValue> head = head(after, version + 1, fencingToken, from,
                after.events().subList(from, after.events().size()));
        head.remove(PK);
        head.remove(SK);
        if (fencingToken <= 0) {
            head.remove("fence");
        }
        DynamoTable.Expected expected = DynamoTable.Expected.versionAndFence(version, fencingToken);
        head.forEach((k, v) -> {
            expected.names().put("#a_" + k, k);
            expected.values().put(":a_" + k, v);
        });
        String set = "SET " + head.keySet().stream().sorted().map(k -> "#a_" + k + " = :a_" + k)
                .collect(Collectors.joining(", "));
        if (!table.update(DynamoTable.key(HEADS, after.id()), set, expected.condition(), expected.names(),
                expected.values())) {
            throw new Conflict("rollout " + after.id() + " was changed by another replica, or a newer leader "
                    + "holds the lease (fencing token " + fencingToken + ")");
        }
        remember(after, version + 1);
        putEvents(after.id(), after.events(), from);
        if (after.state().isFinal() && before.state().isActive()) {
            claims.release(after.autoScalingGroup(), after.id());
        }
    }

    @Override
    public Optional<Rollout> find(String id) {
        Map<String, AttributeValue> item = table.get(HEADS, id);
        return item.isEmpty() ? Optional.empty() : Optional.of(read(item));
    }

    @Override
    public List<Rollout> all() {
        return heads(false);
    }

    /** Only the active heads come back over the wire; finished rollouts are filtered by the table. */
    @Override
    public List<Rollout> active() {
        return heads(true);
    }

    private List<Rollout> heads(boolean activeOnly) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        String filter = "";
        if (activeOnly) {
            List<String> finals = Arrays.stream(RolloutState.values()).filter(RolloutState::isFinal)
                    .map(Enum::name).toList();
            for (int i = 0; i < finals.size(); i++) {
                values.put(":f" + i, s(finals.get(i)));
            }
            names.put("#state", "state");
            names.put("#holds", "holds");
            values.put(":holds", AttributeValue.fromBool(true));
            filter = "#holds = :holds OR (attribute_not_exists(#holds) AND NOT #state IN ("
                    + values.keySet().stream().filter(k -> k.startsWith(":f")).sorted()
                    .collect(Collectors.joining(", ")) + "))";
        }
        List<Rollout> list = new ArrayList<>();
        table.partition(HEADS, filter, names, values).forEach(item -> list.add(read(item)));
        list.sort(Rollout.NEWEST_FIRST);
        return list;
    }

    private Rollout read(Map<String, AttributeValue> item) {
        String id = text(item, SK);
        int count = (int) number(item, "eventCount");
        int pendingFrom = (int) number(item, "pendingFrom");
        List<RolloutEvent> known = known(id);
        List<RolloutEvent> history;
        if (known.size() >= count) {
            history = known.subList(0, count);
        } else {
            List<RolloutEvent> out = new ArrayList<>(known);
            if (out.size() < pendingFrom) {
                out.addAll(queryEvents(id, out.size(), pendingFrom));
            }
            List<RolloutEvent> pending = json.events(text(item, "pending"));
            out.addAll(pending.subList(out.size() - pendingFrom, pending.size()));
            history = out;
        }
        synchronized (this) {
            events.put(id, List.copyOf(history));
            written.merge(id, pendingFrom, Math::max);
        }
        try {
            ObjectNode body = (ObjectNode) json.mapper().readTree(text(item, "body"));
            body.set("events", json.mapper().valueToTree(history));
            Rollout r = json.mapper().treeToValue(body, Rollout.class);
            remember(r, number(item, "version"));
            return r;
        } catch (java.io.IOException e) {
            throw new UncheckedIOException("rollout " + id + " in table " + table.name() + " is not readable", e);
        }
    }

    private List<RolloutEvent> queryEvents(String id, int from, int to) {
        List<RolloutEvent> out = new ArrayList<>();
        table.query(q -> q.keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
                        .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                        .expressionAttributeValues(Map.of(":pk", s(eventsKey(id)), ":from", s(seq(from)),
                                ":to", s(seq(to - 1)))))
                .forEach(item -> out.add(json.event(text(item, "body"))));
        if (out.size() != to - from) {
            throw new IllegalStateException("rollout " + id + " in table " + table.name() + " misses events "
                    + from + ".." + (to - 1));
        }
        return out;
    }

    /** Puts events[from..] as items; one that is already there (put by an earlier writer) is left alone. */
    private void putEvents(String id, List<RolloutEvent> all, int from) {
        for (int i = from; i < all.size(); i++) {
            Map<String, AttributeValue> item = Map.of(PK, s(eventsKey(id)), SK, s(seq(i)),
                    "body", s(json.write(all.get(i))));
            // Refused when it is there: the same event, put by the writer that committed it or an earlier repair.
            table.put(item, "attribute_not_exists(#pk)", Map.of("#pk", PK), Map.of());
        }
        synchronized (this) {
            written.merge(id, all.size(), Math::max);
        }
    }

    private Map<String, AttributeValue> head(Rollout r, long version, long fence, int pendingFrom,
                                                    List<RolloutEvent> pending) {
        JsonNode tree = json.mapper().valueToTree(r);
        ((ObjectNode) tree).remove("events");
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(HEADS));
        item.put(SK, s(r.id()));
        item.put("version", n(version));
        item.put("fence", n(fence));
        item.put("state", s(r.state().name()));
        item.put("holds", AttributeValue.fromBool(r.holdsGroup()));
        item.put("grp", s(r.autoScalingGroup()));
        item.put("body", s(tree.toString()));
        item.put("eventCount", n(r.events().size()));
        item.put("pendingFrom", n(pendingFrom));
        item.put("pending", s(json.write(pending)));
        return item;
    }

    static String eventsKey(String rolloutId) {
        return "events#" + rolloutId;
    }

    private static String seq(int i) {
        return String.format("%010d", i);
    }

    private static boolean isPrefix(List<RolloutEvent> before, List<RolloutEvent> after) {
        return after.size() >= before.size() && after.subList(0, before.size()).equals(before);
    }

    private synchronized List<RolloutEvent> known(String id) {
        return events.getOrDefault(id, List.of());
    }

    private synchronized int writtenCount(String id) {
        return written.getOrDefault(id, 0);
    }

    private synchronized Long version(Rollout r) {
        return versions.get(r);
    }

    private synchronized void remember(Rollout r, long version) {
        versions.put(r, version);
        events.put(r.id(), r.events());
    }

    private static <K, V> Map<K, V> lru(int capacity) {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }
}
