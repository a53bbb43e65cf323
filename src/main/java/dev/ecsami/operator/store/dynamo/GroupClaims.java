package dev.ecsami.operator.store.dynamo;

import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.port.VersionedStore.Conflict;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static dev.ecsami.operator.store.dynamo.DynamoTable.n;
import static dev.ecsami.operator.store.dynamo.DynamoTable.number;
import static dev.ecsami.operator.store.dynamo.DynamoTable.s;
import static dev.ecsami.operator.store.dynamo.DynamoTable.text;

/**
 * One item per Auto Scaling group naming its active rollout, so that two replicas starting a
 * rollout of the same group at once cannot both succeed. A claim is released when its rollout
 * finishes; one left behind (its rollout finished, or never written because its creator died) is
 * taken over by the next creator.
 */
final class GroupClaims {
    static final String PARTITION = "groups";
    /** A claim whose rollout never appeared is abandoned after this long (creators write it at once). */
    static final Duration ABANDONED = Duration.ofMinutes(2);

    private final DynamoTable table;
    private final Clock clock;

    GroupClaims(DynamoTable table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    /** @throws Conflict naming the group's active rollout */
    void claim(String group, String rolloutId, Function<String, Optional<Rollout>> find) {
        Instant now = clock.instant();
        Map<String, AttributeValue> item = Map.of(DynamoTable.PK, s(PARTITION), DynamoTable.SK, s(group),
                "rollout", s(rolloutId), "claimedAt", n(now.getEpochSecond()));
        if (put(item, "attribute_not_exists(#pk) OR #rollout = :none", Map.of(":none", s("")))) {
            return;
        }
        Map<String, AttributeValue> current = table.get(PARTITION, group);
        String holder = text(current, "rollout");
        Optional<Rollout> held = holder.isEmpty() ? Optional.empty() : find.apply(holder);
        boolean abandoned = held.map(r -> r.state().isFinal()).orElseGet(() -> Instant.ofEpochSecond(
                number(current, "claimedAt")).plus(ABANDONED).isBefore(now));
        if (!abandoned || !put(item, "#rollout = :holder", Map.of(":holder", s(holder)))) {
            throw new Conflict("group " + group + " already has rollout " + holder
                    + held.map(r -> " (" + r.state() + ")").orElse(" (being created)"));
        }
    }

    void release(String group, String rolloutId) {
        // Refused when a later rollout of the group has taken the claim over: then there is nothing to do.
        table.update(DynamoTable.key(PARTITION, group), "SET #rollout = :none", "#rollout = :mine",
                Map.of("#rollout", "rollout"), Map.of(":none", s(""), ":mine", s(rolloutId)));
    }

    private boolean put(Map<String, AttributeValue> item, String condition, Map<String, AttributeValue> values) {
        return table.put(item, condition, condition.contains("#pk")
                ? Map.of("#pk", DynamoTable.PK, "#rollout", "rollout") : Map.of("#rollout", "rollout"), values);
    }
}
