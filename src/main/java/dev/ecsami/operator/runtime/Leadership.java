package dev.ecsami.operator.runtime;

import java.util.Optional;

/**
 * Whether this replica may change the fleet. With one process it always may; with replicas on a
 * shared store only the holder of the leader lease may, and only while its lease is safely valid.
 */
public interface Leadership {

    /** Checked immediately before every AWS mutation: the lease is held, with the safety margin to spare. */
    boolean mayMutate();

    /** Fences the store writes of the leader: a write carrying an older token than one recorded is refused. */
    long fencingToken();

    /** This replica's name. */
    String replicaId();

    /** The replica that leads as last seen, or empty while none does. */
    Optional<String> leader();

    /** The single process of the {@code file} and {@code memory} stores: leading costs nothing. */
    static Leadership sole(String replicaId) {
        return new Leadership() {
            @Override
            public boolean mayMutate() {
                return true;
            }

            @Override
            public long fencingToken() {
                return 0;
            }

            @Override
            public String replicaId() {
                return replicaId;
            }

            @Override
            public Optional<String> leader() {
                return Optional.of(replicaId);
            }
        };
    }
}
