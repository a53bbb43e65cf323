package dev.ecsami.operator.store;

import dev.ecsami.operator.core.model.AmiRef;
import dev.ecsami.operator.core.model.AmiSource;
import dev.ecsami.operator.core.model.OnNewAmi;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutPolicy;
import dev.ecsami.operator.core.model.RolloutState;
import dev.ecsami.operator.core.model.Target;
import dev.ecsami.operator.core.model.Trigger;
import dev.ecsami.operator.core.rollout.RolloutControl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class FileRolloutStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    private static final Target TARGET = new Target("web", "prod", "prod-asg", AmiSource.parse("amazon-linux-2023"),
            OnNewAmi.ROLL, RolloutPolicy.defaults());

    private static Rollout rollout(String id, int minutes) {
        return RolloutControl.create(id, TARGET, new AmiRef("ami-0000000000000a001", "old"),
                new AmiRef("ami-0000000000000b002", "new"), new Trigger(Trigger.Kind.HTTP, "alice", "test"),
                RolloutPolicy.defaults().withSurgeAhead(2), false, "alice", T0.plusSeconds(60L * minutes));
    }

    @Test
    void aReopenedStoreFindsEveryRolloutAsSaved(@TempDir Path dir) {
        FileRolloutStore store = new FileRolloutStore(dir, 10, false);
        Rollout first = rollout("r-1", 0);
        store.save(first);
        store.save(rollout("r-2", 1));

        FileRolloutStore reopened = new FileRolloutStore(dir, 10, false);

        assertThat(reopened.find("r-1")).contains(first);
        assertThat(reopened.all()).extracting(Rollout::id).containsExactly("r-2", "r-1");
        assertThat(reopened.find("r-1").orElseThrow().policy().surgeAhead()).isEqualTo(2);
    }

    @Test
    void otherFilesInTheDirectoryAreLeftAlone(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("slack-messages.json"), "{\"r-1\":{\"channel\":\"C1\",\"ts\":\"1.2\"}}");
        Files.writeString(dir.resolve("rollout-r-9.json.tmp"), "{ half written");
        FileRolloutStore store = new FileRolloutStore(dir, 10, false);
        store.save(rollout("r-1", 0));

        assertThat(new FileRolloutStore(dir, 10, false).all()).extracting(Rollout::id).containsExactly("r-1");
        assertThat(dir.resolve("slack-messages.json")).exists();
    }

    @Test
    void onlyTheNewestFinishedRolloutsAreKept(@TempDir Path dir) {
        FileRolloutStore store = new FileRolloutStore(dir, 2, false);
        for (int i = 1; i <= 4; i++) {
            Rollout r = rollout("r-" + i, i);
            store.save(RolloutControl.fail(r, "test", T0.plusSeconds(60L * i + 30)));
        }
        store.save(rollout("r-5", 5));

        assertThat(new FileRolloutStore(dir, 2, false).all()).extracting(Rollout::id, Rollout::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("r-5", RolloutState.RUNNING),
                        org.assertj.core.groups.Tuple.tuple("r-4", RolloutState.FAILED),
                        org.assertj.core.groups.Tuple.tuple("r-3", RolloutState.FAILED));
    }
}
