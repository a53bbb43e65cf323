package dev.ecsami.operator.store;

import dev.ecsami.operator.core.port.RolloutStore;

class InMemoryRolloutStoreContractTest extends RolloutStoreContract {
    @Override
    protected RolloutStore newStore() {
        return new InMemoryRolloutStore();
    }

    @Override
    protected RolloutStore another() {
        return store;
    }
}
