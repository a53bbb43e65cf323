package dev.ecsami.operator.store;

import dev.ecsami.operator.core.model.AmiRef;
import dev.ecsami.operator.core.model.AmiSource;
import dev.ecsami.operator.core.model.OnNewAmi;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.model.RolloutPolicy;
import dev.ecsami.operator.core.model.RolloutState;
import dev.ecsami.operator.core.model.Target;
import dev.ecsami.operator.core.model.Trigger;
import dev.ecsami.operator.core.port.RolloutStore;
import dev.ecsami.operator.core.rollout.RolloutControl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every rollout store promises, run against each kind ({@code memory}, {@code file},
 * {@code dynamodb}). {@link #another()} is a second view of the same store: the same object for
 * the single-process stores, a second replica's store for the shared one.
 */
public abstract class RolloutStoreContract {
    public static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    protected RolloutStore store;

    protected abstract RolloutStore newStore() throws Exception;

    protected abstract RolloutStore another() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = newStore();
    }

    public static Rollout rollout(String id, String group, int minutes) {
        Target target = new Target("t-" + group, "cluster", group, AmiSource.parse("amazon-linux-2023"),
                OnNewAmi.ROLL, RolloutPolicy.defaults());
        return RolloutControl.create(id, target, new AmiRef("ami-0000000000000a001", "old"),
                new AmiRef("ami-0000000000000b002", "new"), new Trigger(Trigger.Kind.HTTP, "alice", "test"),
                RolloutPolicy.defaults().withSurgeAhead(2), false, "alice", T0.plusSeconds(60L * minutes));
    }

    public static Rollout paused(Rollout r, String by, int second) {
        return RolloutControl.pause(r, by, "held by " + by, T0.plusSeconds(second));
    }

    /** The next copy of a rollout, one event longer: paused if it runs, else resumed. */
    public static Rollout changed(Rollout r, String by, int second) {
        return r.state() == RolloutState.RUNNING ? paused(r, by, second)
                : RolloutControl.resume(r, by, T0.plusSeconds(second));
    }

    @Test
    void aCreatedRolloutIsFoundWithItsHistoryAndFieldsAsWritten() throws Exception {
        Rollout r = rollout("r-1", "asg-a", 0);
        store.create(r);

        assertThat(another().find("r-1")).contains(r);
        assertThat(another().find("r-1").orElseThrow().policy().surgeAhead()).isEqualTo(2);
        assertThat(another().find("nope")).isEmpty();
    }

    @Test
    void anUpdateAppendsTheNewEventsAndReplacesTheRest() throws Exception {
        Rollout r = rollout("r-1", "asg-a", 0);
        store.create(r);
        Rollout p = paused(r, "bob", 10);
        store.update(r, p, 0);
        Rollout resumed = RolloutControl.resume(p, "carol", T0.plusSeconds(20));
        store.update(p, resumed, 0);

        Rollout read = another().find("r-1").orElseThrow();
        assertThat(read).isEqualTo(resumed);
        assertThat(read.events()).extracting(RolloutEvent::type).endsWith(RolloutEvent.Type.PAUSED,
                RolloutEvent.Type.RESUMED);
    }

    @Test
    void aWriteFromACopyThatWasChangedSinceIsRefusedAndLeavesTheWinner() throws Exception {
        Rollout r = rollout("r-1", "asg-a", 0);
        store.create(r);
        RolloutStore other = another();
        Rollout seenByOther = other.find("r-1").orElseThrow();
        Rollout winner = paused(seenByOther, "bob", 10);
        other.update(seenByOther, winner, 0);

        assertThatThrownBy(() -> store.update(r, paused(r, "eve", 11), 0)).isInstanceOf(RolloutStore.Conflict.class);
        assertThat(store.find("r-1")).contains(winner);
        assertThat(another().find("r-1")).contains(winner);
    }

    @Test
    void aGroupHasOneActiveRolloutAtATime() throws Exception {
        Rollout first = rollout("r-1", "asg-a", 0);
        store.create(first);

        assertThatThrownBy(() -> another().create(rollout("r-2", "asg-a", 1)))
                .isInstanceOf(RolloutStore.Conflict.class).hasMessageContaining("r-1");
        another().create(rollout("r-3", "asg-b", 1));

        store.update(first, RolloutControl.fail(first, "test", T0.plusSeconds(5)), 0);
        another().create(rollout("r-4", "asg-a", 2));
        assertThat(store.activeFor("asg-a")).map(Rollout::id).contains("r-4");
    }

    @Test
    void anIdIsTakenOnce() throws Exception {
        Rollout first = rollout("r-1", "asg-a", 0);
        store.create(first);
        store.update(first, RolloutControl.fail(first, "test", T0.plusSeconds(5)), 0);

        assertThatThrownBy(() -> another().create(rollout("r-1", "asg-b", 1)))
                .isInstanceOf(RolloutStore.Conflict.class);
    }

    @Test
    void allIsNewestFirstAndActiveLeavesOutTheFinished() throws Exception {
        Rollout a = rollout("r-1", "asg-a", 0);
        Rollout b = rollout("r-2", "asg-b", 1);
        Rollout c = rollout("r-3", "asg-c", 2);
        store.create(a);
        store.create(b);
        store.create(c);
        store.update(b, RolloutControl.fail(b, "test", T0.plusSeconds(100)), 0);

        assertThat(another().all()).extracting(Rollout::id).containsExactly("r-3", "r-2", "r-1");
        assertThat(another().active()).extracting(Rollout::id).containsExactly("r-3", "r-1");
        assertThat(another().all().get(1).state()).isEqualTo(RolloutState.FAILED);
    }
}
