package dev.ecsami.operator.store.dynamo;

import dev.ecsami.operator.aws.AwsCalls;
import dev.ecsami.operator.core.port.ExternalCallFailed;
import org.jboss.logging.Logger;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The one DynamoDB table of the operator, and the names of its key attributes. Every item has a
 * partition key {@code pk} and a sort key {@code sk}; items that may be forgotten carry
 * {@code expiresAt} (epoch seconds), the table's TTL attribute. The schema is in docs/store.md.
 */
public final class DynamoTable {
    private static final Logger LOG = Logger.getLogger(DynamoTable.class);
    static final String PK = "pk";
    static final String SK = "sk";
    static final String TTL = "expiresAt";
    /** How long start-up waits for a table it created to become ACTIVE. */
    static final Duration CREATE_WAIT = Duration.ofMinutes(2);
    private static final Duration CREATE_POLL = Duration.ofMillis(500);

    private final DynamoDbClient dynamodb;
    private final String name;

    private final Duration createPoll;

    public DynamoTable(DynamoDbClient dynamodb, String name) {
        this(dynamodb, name, CREATE_POLL);
    }

    /** @param createPoll how often the wait for a created table asks whether it is ACTIVE */
    DynamoTable(DynamoDbClient dynamodb, String name, Duration createPoll) {
        this.dynamodb = dynamodb;
        this.name = name;
        this.createPoll = createPoll;
    }

    /**
     * Puts the item if {@code condition} holds for the item it replaces (or always, when blank);
     * false, changing nothing, when it does not.
     */
    boolean put(Map<String, AttributeValue> item, String condition, Map<String, String> names,
                Map<String, AttributeValue> values) {
        return AwsCalls.call("PutItem", () -> {
            try {
                dynamodb.putItem(b -> {
                    b.tableName(name).item(item);
                    conditional(condition, names, values, b::conditionExpression, b::expressionAttributeNames,
                            b::expressionAttributeValues);
                });
                return true;
            } catch (ConditionalCheckFailedException e) {
                return false;
            }
        });
    }

    /** As {@link #put}, for an update expression on the item with this key. */
    boolean update(Map<String, AttributeValue> key, String update, String condition, Map<String, String> names,
                   Map<String, AttributeValue> values) {
        return AwsCalls.call("UpdateItem", () -> {
            try {
                dynamodb.updateItem(b -> {
                    b.tableName(name).key(key).updateExpression(update);
                    conditional(condition, names, values, b::conditionExpression, b::expressionAttributeNames,
                            b::expressionAttributeValues);
                });
                return true;
            } catch (ConditionalCheckFailedException e) {
                return false;
            }
        });
    }

    /** The item with this key, read strongly consistently; empty when there is none. */
    Map<String, AttributeValue> get(String pk, String sk) {
        Map<String, AttributeValue> item = AwsCalls.call("GetItem", () -> dynamodb.getItem(b -> b.tableName(name)
                .key(key(pk, sk)).consistentRead(true)).item());
        return item == null ? Map.of() : item;
    }

    void delete(String pk, String sk) {
        AwsCalls.call("DeleteItem", () -> dynamodb.deleteItem(b -> b.tableName(name).key(key(pk, sk))));
    }

    /** Every item the query finds, page after page, read strongly consistently. */
    List<Map<String, AttributeValue>> query(Consumer<QueryRequest.Builder> query) {
        QueryRequest.Builder b = QueryRequest.builder();
        query.accept(b);
        QueryRequest request = b.tableName(name).consistentRead(true).build();
        return AwsCalls.call("Query", () -> {
            List<Map<String, AttributeValue>> items = new ArrayList<>();
            dynamodb.queryPaginator(request).items().forEach(items::add);
            return items;
        });
    }

    /**
     * Every item of a partition, read as {@link #query} does; with a filter expression (blank for none)
     * only those it keeps come back over the wire.
     */
    List<Map<String, AttributeValue>> partition(String partition, String filter, Map<String, String> names,
                                                Map<String, AttributeValue> values) {
        Map<String, String> allNames = new HashMap<>(names);
        allNames.put("#pk", PK);
        Map<String, AttributeValue> allValues = new HashMap<>(values);
        allValues.put(":partition", AttributeValue.fromS(partition));
        return query(q -> {
            q.keyConditionExpression("#pk = :partition").expressionAttributeNames(allNames)
                    .expressionAttributeValues(allValues);
            if (!filter.isBlank()) {
                q.filterExpression(filter);
            }
        });
    }

    /**
     * The condition of a compare-and-set write: the item still has {@code version} and, when the writer
     * holds the lease ({@code fencingToken > 0}), no newer leader has written it. The names and values
     * are mutable, for an update expression to add its own.
     */
    record Expected(String condition, Map<String, String> names, Map<String, AttributeValue> values) {
        static Expected versionAndFence(long version, long fencingToken) {
            String condition = "#version = :version";
            Map<String, String> names = new HashMap<>(Map.of("#version", "version"));
            Map<String, AttributeValue> values = new HashMap<>(Map.of(":version", n(version)));
            if (fencingToken > 0) {
                condition += " AND (attribute_not_exists(#fence) OR #fence <= :token)";
                names.put("#fence", "fence");
                values.put(":token", n(fencingToken));
            }
            return new Expected(condition, names, values);
        }
    }

    private static void conditional(String condition, Map<String, String> names, Map<String, AttributeValue> values,
                                    Consumer<String> setCondition, Consumer<Map<String, String>> setNames,
                                    Consumer<Map<String, AttributeValue>> setValues) {
        if (!condition.isBlank()) {
            setCondition.accept(condition);
        }
        if (!names.isEmpty()) {
            setNames.accept(names);
        }
        if (!values.isEmpty()) {
            setValues.accept(values);
        }
    }

    public String name() {
        return name;
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, s(pk), SK, s(sk));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static long number(Map<String, AttributeValue> item, String attribute) {
        AttributeValue v = item.get(attribute);
        return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
    }

    static String text(Map<String, AttributeValue> item, String attribute) {
        AttributeValue v = item.get(attribute);
        return v == null || v.s() == null ? "" : v.s();
    }

    /**
     * Makes sure the table is there before anything reads it. With {@code create}, a missing table is
     * created on demand and waited for (a bounded wait at start-up, by the SDK's waiter), and TTL is
     * turned on for {@code expiresAt}.
     *
     * @throws IllegalStateException naming the setting when the table is missing and may not be created
     */
    public void ensure(boolean create) {
        if (exists()) {
            return;
        }
        if (!create) {
            throw new IllegalStateException("DynamoDB table '" + name + "' (operator.store.table) does not exist or"
                    + " is not ACTIVE; create it as docs/store.md describes, or set operator.store.create-table=true");
        }
        LOG.infof("creating DynamoDB table %s (on demand, TTL on %s)", name, TTL);
        AwsCalls.call("CreateTable", () -> dynamodb.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName(PK)
                                .attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName(SK).attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName(PK).keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName(SK).keyType(KeyType.RANGE).build())));
        try (DynamoDbWaiter waiter = DynamoDbWaiter.builder().client(dynamodb).build()) {
            waiter.waitUntilTableExists(b -> b.tableName(name), w -> w.waitTimeout(CREATE_WAIT)
                    .backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(createPoll)));
        }
        enableTtl();
    }

    private boolean exists() {
        return AwsCalls.call("DescribeTable", () -> {
            try {
                return dynamodb.describeTable(b -> b.tableName(name)).table().tableStatus() == TableStatus.ACTIVE;
            } catch (ResourceNotFoundException e) {
                return false;
            }
        });
    }

    /**
     * Expired keys are also ignored when read, so TTL only frees space: a DynamoDB-compatible server
     * without TTL support still works, and is told in the log.
     */
    private void enableTtl() {
        try {
            TimeToLiveStatus status = AwsCalls.call("DescribeTimeToLive", () -> dynamodb.describeTimeToLive(b ->
                    b.tableName(name)).timeToLiveDescription().timeToLiveStatus());
            if (status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING) {
                return;
            }
            AwsCalls.call("UpdateTimeToLive", () -> dynamodb.updateTimeToLive(b -> b.tableName(name)
                    .timeToLiveSpecification(t -> t.attributeName(TTL).enabled(true))));
        } catch (ExternalCallFailed e) {
            LOG.warnf("could not turn on TTL for table %s (%s): expired de-duplication keys stay until deleted by "
                    + "hand; they are ignored when read", name, e.getMessage());
        }
    }
}
