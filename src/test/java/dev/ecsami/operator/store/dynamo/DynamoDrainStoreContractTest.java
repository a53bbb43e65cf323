package dev.ecsami.operator.store.dynamo;

import dev.ecsami.operator.store.TestJson;
import dev.ecsami.operator.core.port.DrainStore;
import dev.ecsami.operator.store.DrainStoreContract;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The drain contract against dynalite; {@link #another()} is a second replica's store on the same table. */
@ExtendWith(Dynalite.class)
class DynamoDrainStoreContractTest extends DrainStoreContract {
    private final DynamoDbClient client = Dynalite.server().client();
    private DynamoTable table;

    @Override
    protected DrainStore newStore() {
        table = Dynalite.freshTable(client);
        return new DynamoDrainStore(TestJson.STORE, table);
    }

    @Override
    protected DrainStore another() {
        return new DynamoDrainStore(TestJson.STORE, table);
    }

    @Override
    protected boolean fences() {
        return true;
    }
}
