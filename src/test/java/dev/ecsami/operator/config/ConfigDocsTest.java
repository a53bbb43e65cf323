package dev.ecsami.operator.config;

import io.smallrye.config.ConfigMapping;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/configuration.md names every key of the operator's configuration mapping. */
class ConfigDocsTest {

    @Test
    void everyConfigurationKeyIsDocumented() throws IOException {
        String docs = Files.readString(Path.of("docs/configuration.md"));
        List<String> keys = new ArrayList<>();
        collect(OperatorConfig.class, OperatorConfig.class.getAnnotation(ConfigMapping.class).prefix(), keys);

        assertThat(keys).hasSizeGreaterThan(20);
        assertThat(keys).allSatisfy(k -> assertThat(docs).contains("`" + k + "`"));
    }

    private static void collect(Class<?> type, String prefix, List<String> keys) {
        for (Method m : type.getDeclaredMethods()) {
            if (m.isDefault() || m.isSynthetic() || java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            String key = prefix + "." + kebab(m.getName());
            Class<?> r = m.getReturnType();
            if (Map.class.isAssignableFrom(r)) {
                Class<?> value = (Class<?>) ((ParameterizedType) m.getGenericReturnType()).getActualTypeArguments()[1];
                collect(value, key + ".<name>", keys);
            } else if (r.isInterface() && r.getDeclaringClass() == OperatorConfig.class) {
                collect(r, key, keys);
            } else {
                keys.add(key);
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
