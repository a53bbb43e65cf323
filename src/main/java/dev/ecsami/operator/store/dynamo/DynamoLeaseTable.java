package dev.ecsami.operator.store.dynamo;

import dev.ecsami.operator.runtime.LeaseTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static dev.ecsami.operator.store.dynamo.DynamoTable.n;
import static dev.ecsami.operator.store.dynamo.DynamoTable.number;
import static dev.ecsami.operator.store.dynamo.DynamoTable.s;
import static dev.ecsami.operator.store.dynamo.DynamoTable.text;

/** The leader lease as one item of the table ({@code pk=leader, sk=lease}), written only conditionally. */
public final class DynamoLeaseTable implements LeaseTable {
    static final String PARTITION = "leader";
    static final String SORT = "lease";

    private final DynamoTable table;

    public DynamoLeaseTable(DynamoTable table) {
        this.table = table;
    }

    @Override
    public Optional<Lease> read() {
        Map<String, AttributeValue> item = table.get(PARTITION, SORT);
        if (item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Lease(text(item, "holder"), number(item, "token"), number(item, "version"),
                Instant.ofEpochMilli(number(item, "expiresAtMillis"))));
    }

    @Override
    public boolean replace(Optional<Lease> expected, Lease next) {
        Map<String, AttributeValue> item = new HashMap<>(DynamoTable.key(PARTITION, SORT));
        item.put("holder", s(next.holder()));
        item.put("token", n(next.token()));
        item.put("version", n(next.version()));
        item.put("expiresAtMillis", n(next.expiresAt().toEpochMilli()));
        if (expected.isEmpty()) {
            return table.put(item, "attribute_not_exists(#pk)", Map.of("#pk", DynamoTable.PK), Map.of());
        }
        // The token may only go up, whatever a confused writer asks for.
        return table.put(item, "#version = :version AND #token <= :token",
                Map.of("#version", "version", "#token", "token"),
                Map.of(":version", n(expected.get().version()), ":token", n(next.token())));
    }
}
