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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        FileRolloutStore store = new FileRolloutStore(TestJson.STORE, dir, 10, false);
        Rollout started = rollout("r-1", 0);
        Rollout first = RolloutControl.fail(started, "test", T0.plusSeconds(30));
        store.create(started);
        store.update(started, first, 0);
        store.create(rollout("r-2", 1));

        FileRolloutStore reopened = new FileRolloutStore(TestJson.STORE, dir, 10, false);

        assertThat(reopened.find("r-1")).contains(first);
        assertThat(reopened.all()).extracting(Rollout::id).containsExactly("r-2", "r-1");
        assertThat(reopened.find("r-1").orElseThrow().policy().surgeAhead()).isEqualTo(2);
    }

    @Test
    void otherFilesInTheDirectoryAreLeftAlone(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("slack-messages.json"), "{\"r-1\":{\"channel\":\"C1\",\"ts\":\"1.2\"}}");
        Files.writeString(dir.resolve("rollout-r-9.json.tmp"), "{ half written");
        FileRolloutStore store = new FileRolloutStore(TestJson.STORE, dir, 10, false);
        store.create(rollout("r-1", 0));

        assertThat(new FileRolloutStore(TestJson.STORE, dir, 10, false).all()).extracting(Rollout::id).containsExactly("r-1");
        assertThat(dir.resolve("slack-messages.json")).exists();
    }

    @Test
    void aSecondOwnerOfTheDirectoryIsRefusedNamingIt(@TempDir Path dir) throws IOException {
        try (DirectoryLock held = DirectoryLock.acquire(dir)) {
            assertThatThrownBy(() -> DirectoryLock.acquire(dir)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("operator.store.dir").hasMessageContaining("in use by another operator");
        }
        DirectoryLock.acquire(dir).close();
    }

    @Test
    void aSecondProcessOnTheDirectoryFailsAtStartUp(@TempDir Path dir) throws Exception {
        try (DirectoryLock held = DirectoryLock.acquire(dir)) {
            Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), dir.toString())
                    .redirectErrorStream(true).start();
            String output = new String(other.getInputStream().readAllBytes());

            assertThat(other.waitFor()).isEqualTo(2);
            assertThat(output).contains("is in use by another operator process");
        }
    }

    /** A second process that tries to take the directory. */
    public static final class LockHolder {
        public static void main(String[] args) {
            try (DirectoryLock lock = DirectoryLock.acquire(Path.of(args[0]))) {
                System.exit(0);
            } catch (IllegalStateException e) {
                System.out.println(e.getMessage());
                System.exit(2);
            } catch (IOException e) {
                System.exit(3);
            }
        }
    }

    @Test
    void onlyTheNewestFinishedRolloutsAreKept(@TempDir Path dir) {
        FileRolloutStore store = new FileRolloutStore(TestJson.STORE, dir, 2, false);
        for (int i = 1; i <= 4; i++) {
            Rollout r = rollout("r-" + i, i);
            store.create(r);
            store.update(r, RolloutControl.fail(r, "test", T0.plusSeconds(60L * i + 30)), 0);
        }
        store.create(rollout("r-5", 5));

        assertThat(new FileRolloutStore(TestJson.STORE, dir, 2, false).all()).extracting(Rollout::id, Rollout::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("r-5", RolloutState.RUNNING),
                        org.assertj.core.groups.Tuple.tuple("r-4", RolloutState.FAILED),
                        org.assertj.core.groups.Tuple.tuple("r-3", RolloutState.FAILED));
    }
}
