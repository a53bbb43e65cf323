package dev.ecsami.operator.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class AtomicFileTest {

    @Test
    void replacesTheFileWholeAndLeavesNoTemporaryFileBehind(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("slack-messages.json");
        AtomicFile.write(target, "{\"old\":true}".getBytes(StandardCharsets.UTF_8), true);

        AtomicFile.write(target, "{\"new\":true}".getBytes(StandardCharsets.UTF_8), true);

        assertThat(Files.readString(target)).isEqualTo("{\"new\":true}");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void createsTheDirectoryItWritesIn(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("store/rollouts/r-1.json");

        AtomicFile.write(target, new byte[] {1, 2, 3}, false);

        assertThat(Files.readAllBytes(target)).containsExactly(1, 2, 3);
    }
}
