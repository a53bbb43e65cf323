package dev.ecsami.operator.store;

import dev.ecsami.operator.core.port.DrainStore;

class InMemoryDrainStoreContractTest extends DrainStoreContract {
    @Override
    protected DrainStore newStore() {
        return new InMemoryDrainStore();
    }

    @Override
    protected DrainStore another() {
        return store;
    }
}
