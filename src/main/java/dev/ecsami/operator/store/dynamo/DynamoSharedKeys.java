package dev.ecsami.operator.store.dynamo;

import dev.ecsami.operator.store.SharedKeys;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static dev.ecsami.operator.store.dynamo.DynamoTable.n;
import static dev.ecsami.operator.store.dynamo.DynamoTable.number;
import static dev.ecsami.operator.store.dynamo.DynamoTable.s;
import static dev.ecsami.operator.store.dynamo.DynamoTable.text;

/**
 * {@link SharedKeys} as items {@code pk=key#<key>, sk=key} with the TTL attribute. DynamoDB deletes
 * an expired item some time after it expires; until then it is read as absent and may be replaced.
 */
public final class DynamoSharedKeys implements SharedKeys {
    private final DynamoTable table;
    private final Clock clock;

    public DynamoSharedKeys(DynamoTable table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    @Override
    public boolean putIfAbsent(String key, String value, Instant expiresAt) {
        return table.put(item(key, value, expiresAt), "attribute_not_exists(#pk) OR #ttl <= :now",
                Map.of("#pk", DynamoTable.PK, "#ttl", DynamoTable.TTL),
                Map.of(":now", n(clock.instant().getEpochSecond())));
    }

    @Override
    public void put(String key, String value, Instant expiresAt) {
        table.put(item(key, value, expiresAt), "", Map.of(), Map.of());
    }

    @Override
    public Optional<String> get(String key) {
        Map<String, AttributeValue> item = table.get(partition(key), "key");
        if (item.isEmpty() || number(item, DynamoTable.TTL) <= clock.instant().getEpochSecond()) {
            return Optional.empty();
        }
        return Optional.of(text(item, "value"));
    }

    @Override
    public void remove(String key) {
        table.delete(partition(key), "key");
    }

    private static Map<String, AttributeValue> item(String key, String value, Instant expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>(DynamoTable.key(partition(key), "key"));
        item.put("value", s(value));
        item.put(DynamoTable.TTL, n(expiresAt.getEpochSecond()));
        return item;
    }

    private static String partition(String key) {
        return "key#" + key;
    }
}
