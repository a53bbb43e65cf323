package dev.ecsami.operator.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsami.operator.core.drain.DrainRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class FileDrainStoreTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void aRecordWrittenBeforeHeartbeatsWereCountedReadsWithNone(@TempDir Path dir) throws IOException {
        DrainRecord drain = new DrainRecord("i-1/spot_interruption", "web", "web-asg", "prod", "i-1",
                DrainRecord.Reason.SPOT_INTERRUPTION, "", "", T0, T0, 0, DrainRecord.State.DRAINING, "", null);
        ObjectNode old = TestJson.STORE.mapper().valueToTree(drain);
        old.remove("heartbeats");
        Files.writeString(dir.resolve("old.json"), old.toString());

        DrainRecord read = new FileDrainStore(TestJson.STORE, dir, 10).all().get(0);

        assertThat(read).isEqualTo(drain);
    }

    @Test
    void heartbeatsAreKeptAcrossARestart(@TempDir Path dir) {
        DrainRecord drain = new DrainRecord("i-2/tok", "web", "web-asg", "prod", "i-2", DrainRecord.Reason.SCALE_IN,
                "hook", "tok", T0, T0, 0, DrainRecord.State.DRAINING, "", null).heartbeatAt(T0.plusSeconds(30));
        new FileDrainStore(TestJson.STORE, dir, 10).create(drain);

        assertThat(new FileDrainStore(TestJson.STORE, dir, 10).find(drain.id())).hasValueSatisfying(d -> {
            assertThat(d.heartbeats()).isEqualTo(1);
            assertThat(d.lastHeartbeatAt()).isEqualTo(T0.plusSeconds(30));
        });
    }
}
