package dev.ecsami.operator.store.dynamo;

import dev.ecsami.operator.store.TestJson;
import dev.ecsami.operator.core.port.RolloutStore;
import dev.ecsami.operator.store.RolloutStoreContract;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;

/** The contract against dynalite; {@link #another()} is a second replica's store on the same table. */
@ExtendWith(Dynalite.class)
class DynamoRolloutStoreContractTest extends RolloutStoreContract {
    private final DynamoDbClient client = Dynalite.server().client();
    private DynamoTable table;

    @Override
    protected RolloutStore newStore() {
        table = Dynalite.freshTable(client);
        return new DynamoRolloutStore(TestJson.STORE, table, Clock.systemUTC());
    }

    @Override
    protected RolloutStore another() {
        return new DynamoRolloutStore(TestJson.STORE, table, Clock.systemUTC());
    }
}
