package dev.ecsami.operator.store.dynamo;

import dev.ecsami.operator.store.SharedKeys;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

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
        try {
            table.client().putItem(b -> b.tableName(table.name()).item(item(key, value, expiresAt))
                    .conditionExpression("attribute_not_exists(#pk) OR #ttl <= :now")
                    .expressionAttributeNames(Map.of("#pk", DynamoTable.PK, "#ttl", DynamoTable.TTL))
                    .expressionAttributeValues(Map.of(":now", n(clock.instant().getEpochSecond()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void put(String key, String value, Instant expiresAt) {
        table.client().putItem(b -> b.tableName(table.name()).item(item(key, value, expiresAt)));
    }

    @Override
    public Optional<String> get(String key) {
        Map<String, AttributeValue> item = table.client().getItem(b -> b.tableName(table.name())
                .key(DynamoTable.key(partition(key), "key")).consistentRead(true)).item();
        if (item == null || item.isEmpty() || number(item, DynamoTable.TTL) <= clock.instant().getEpochSecond()) {
            return Optional.empty();
        }
        return Optional.of(text(item, "value"));
    }

    @Override
    public void remove(String key) {
        table.client().deleteItem(b -> b.tableName(table.name()).key(DynamoTable.key(partition(key), "key")));
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
