package dev.ecsami.operator.store;

import dev.ecsami.operator.core.port.RolloutStore;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class FileRolloutStoreContractTest extends RolloutStoreContract {
    @TempDir
    Path dir;

    @Override
    protected RolloutStore newStore() {
        return new FileRolloutStore(TestJson.STORE, dir, 100, false);
    }

    @Override
    protected RolloutStore another() {
        return store;
    }
}
