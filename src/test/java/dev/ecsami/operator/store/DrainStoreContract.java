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
        store.createDrain(d);

        assertThat(another().findDrain(d.id())).contains(d);
        assertThat(another().findDrain("nope")).isEmpty();
    }

    @Test
    void aSecondDrainWithTheSameIdIsRefused() throws Exception {
        DrainRecord d = drain("i-1", 0);
        store.createDrain(d);

        assertThatThrownBy(() -> another().createDrain(d.heartbeatAt(T0.plusSeconds(5))))
                .isInstanceOf(DrainStore.Conflict.class);
        assertThat(store.findDrain(d.id())).contains(d);
    }

    @Test
    void updatesReplaceTheRecordAndEndedDrainsLeaveTheActiveList() throws Exception {
        DrainRecord first = drain("i-1", 0);
        DrainRecord second = drain("i-2", 30);
        store.createDrain(first);
        store.createDrain(second);
        DrainRecord beat = first.heartbeatAt(T0.plusSeconds(40));
        store.updateDrain(first, beat, 0);
        DrainRecord ended = beat.end(DrainRecord.State.COMPLETED, "tasks left", T0.plusSeconds(60));
        store.updateDrain(beat, ended, 0);

        assertThat(another().drains()).containsExactly(second, ended);
        assertThat(another().activeDrains()).containsExactly(second);
    }

    @Test
    void aWriteFromACopyChangedSinceIsRefusedAndChangesNothing() throws Exception {
        DrainRecord d = drain("i-1", 0);
        store.createDrain(d);
        DrainStore other = another();
        DrainRecord read = other.findDrain(d.id()).orElseThrow();
        DrainRecord won = d.heartbeatAt(T0.plusSeconds(10));
        store.updateDrain(d, won, 0);

        assertThatThrownBy(() -> other.updateDrain(read, read.end(DrainRecord.State.COMPLETED, "late",
                T0.plusSeconds(11)), 0)).isInstanceOf(DrainStore.Conflict.class);
        assertThat(another().findDrain(d.id())).contains(won);
        DrainRecord reread = other.findDrain(d.id()).orElseThrow();
        DrainRecord next = reread.heartbeatAt(T0.plusSeconds(20));
        other.updateDrain(reread, next, 0);
        assertThat(store.findDrain(d.id())).contains(next);
    }

    @Test
    void aWriteWithAnOlderFencingTokenThanOneRecordedIsRefused() throws Exception {
        assumeTrue(fences(), "only replicas on a shared store are fenced");
        DrainRecord d = drain("i-1", 0);
        store.createDrain(d);
        DrainStore oldLeader = another();
        DrainRecord seenByOld = oldLeader.findDrain(d.id()).orElseThrow();
        DrainRecord newLeaders = d.heartbeatAt(T0.plusSeconds(30));
        store.updateDrain(d, newLeaders, 2);
        DrainRecord again = newLeaders.heartbeatAt(T0.plusSeconds(31));

        assertThatThrownBy(() -> oldLeader.updateDrain(oldLeader.findDrain(d.id()).orElseThrow(), again, 1))
                .isInstanceOf(DrainStore.Conflict.class);
        assertThatThrownBy(() -> oldLeader.updateDrain(seenByOld, again, 1)).isInstanceOf(DrainStore.Conflict.class);
        assertThat(store.findDrain(d.id())).contains(newLeaders);
        store.updateDrain(newLeaders, again, 2);
        assertThat(another().findDrain(d.id())).contains(again);
    }
}
