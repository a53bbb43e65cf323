package dev.ecsami.operator.store;

import dev.ecsami.operator.core.port.DrainStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class FileDrainStoreContractTest extends DrainStoreContract {
    @TempDir
    Path dir;

    @Override
    protected DrainStore newStore() {
        return new FileDrainStore(TestJson.STORE, dir, 100);
    }

    @Override
    protected DrainStore another() {
        return store;
    }

    @Test
    void aRestartedStoreReadsTheRecordsBack() {
        store.create(drain("i-1", 0));
        store.update(drain("i-1", 0), drain("i-1", 0).heartbeatAt(T0.plusSeconds(9)), 0);

        assertThat(new FileDrainStore(TestJson.STORE, dir, 100).all()).containsExactly(drain("i-1", 0)
                .heartbeatAt(T0.plusSeconds(9)));
    }
}
