package dev.ecsami.operator.store;

import dev.ecsami.operator.core.drain.DrainRecord;
import dev.ecsami.operator.core.port.DrainStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What every drain store promises, run against each kind ({@code memory}, {@code file},
 * {@code dynamodb}). {@link #another()} is a second view of the same store: the same object for the
 * single-process stores, a second replica's store for the shared one.
 */
public abstract class DrainStoreContract {
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    protected DrainStore store;

    protected abstract DrainStore newStore() throws Exception;

    protected abstract DrainStore another() throws Exception;

    /** Whether writes carry a leader's fencing token (only the store replicas share). */
    protected boolean fences() {
        return false;
    }

    @BeforeEach
    void open() throws Exception {
        store = newStore();
    }

    static DrainRecord drain(String instanceId, int second) {
        return new DrainRecord("prod-asg/" + instanceId + "/token-" + instanceId, "prod", "prod-asg", "prod",
                instanceId, DrainRecord.Reason.SCALE_IN, "drain-hook", "token-" + instanceId, T0.plusSeconds(second),
                null, 0, DrainRecord.State.DRAINING, "", null);
    }

    @Test
    void aCreatedDrainIsFoundAsWritten() throws Exception {
        DrainRecord d = drain("i-1", 0);
        store.create(d);

        assertThat(another().find(d.id())).contains(d);
        assertThat(another().find("nope")).isEmpty();
    }

    @Test
    void aSecondDrainWithTheSameIdIsRefused() throws Exception {
        DrainRecord d = drain("i-1", 0);
        store.create(d);

        assertThatThrownBy(() -> another().create(d.heartbeatAt(T0.plusSeconds(5))))
                .isInstanceOf(DrainStore.Conflict.class);
        assertThat(store.find(d.id())).contains(d);
    }

    @Test
    void updatesReplaceTheRecordAndEndedDrainsLeaveTheActiveList() throws Exception {
        DrainRecord first = drain("i-1", 0);
        DrainRecord second = drain("i-2", 30);
        store.create(first);
        store.create(second);
        DrainRecord beat = first.heartbeatAt(T0.plusSeconds(40));
        store.update(first, beat, 0);
        DrainRecord ended = beat.end(DrainRecord.State.COMPLETED, "tasks left", T0.plusSeconds(60));
        store.update(beat, ended, 0);

        assertThat(another().all()).containsExactly(second, ended);
        assertThat(another().active()).containsExactly(second);
    }

    @Test
    void aWriteFromACopyChangedSinceIsRefusedAndChangesNothing() throws Exception {
        DrainRecord d = drain("i-1", 0);
        store.create(d);
        DrainStore other = another();
        DrainRecord read = other.find(d.id()).orElseThrow();
        DrainRecord won = d.heartbeatAt(T0.plusSeconds(10));
        store.update(d, won, 0);

        assertThatThrownBy(() -> other.update(read, read.end(DrainRecord.State.COMPLETED, "late",
                T0.plusSeconds(11)), 0)).isInstanceOf(DrainStore.Conflict.class);
        assertThat(another().find(d.id())).contains(won);
        DrainRecord reread = other.find(d.id()).orElseThrow();
        DrainRecord next = reread.heartbeatAt(T0.plusSeconds(20));
        other.update(reread, next, 0);
        assertThat(store.find(d.id())).contains(next);
    }

    @Test
    void aWriteWithAnOlderFencingTokenThanOneRecordedIsRefused() throws Exception {
        assumeTrue(fences(), "only replicas on a shared store are fenced");
        DrainRecord d = drain("i-1", 0);
        store.create(d);
        DrainStore oldLeader = another();
        DrainRecord seenByOld = oldLeader.find(d.id()).orElseThrow();
        DrainRecord newLeaders = d.heartbeatAt(T0.plusSeconds(30));
        store.update(d, newLeaders, 2);
        DrainRecord again = newLeaders.heartbeatAt(T0.plusSeconds(31));

        assertThatThrownBy(() -> oldLeader.update(oldLeader.find(d.id()).orElseThrow(), again, 1))
                .isInstanceOf(DrainStore.Conflict.class);
        assertThatThrownBy(() -> oldLeader.update(seenByOld, again, 1)).isInstanceOf(DrainStore.Conflict.class);
        assertThat(store.find(d.id())).contains(newLeaders);
        store.update(newLeaders, again, 2);
        assertThat(another().find(d.id())).contains(again);
    }
}
