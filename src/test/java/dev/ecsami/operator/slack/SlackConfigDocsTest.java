package dev.ecsami.operator.slack;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/configuration.md names every Slack key with its default. */
class SlackConfigDocsTest {

    @Test
    void everySlackKeyIsDocumentedWithItsDefault() throws IOException {
        String docs = Files.readString(Path.of("docs/configuration.md"));
        String prefix = SlackConfig.class.getAnnotation(ConfigMapping.class).prefix();
        List<Method> keys = Arrays.stream(SlackConfig.class.getDeclaredMethods())
                .filter(m -> !m.isDefault() && !m.isSynthetic()).toList();

        assertThat(keys).hasSize(13);
        assertThat(keys).allSatisfy(m -> {
            String key = prefix + "." + m.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
            WithDefault d = m.getAnnotation(WithDefault.class);
            assertThat(docs).contains("| `" + key + "` | " + (d == null ? "(none)" : "`" + d.value() + "`") + " |");
        });
    }
}
