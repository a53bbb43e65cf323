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

/** The docs name every key of every configuration mapping of the operator. */
class ConfigDocsTest {

    @Test
    void everyOperatorKeyIsInTheConfigurationPage() throws IOException {
        String docs = Files.readString(Path.of("docs/configuration.md"));
        List<String> keys = keys(OperatorConfig.class);
        keys.addAll(keys(dev.ecsami.operator.api.ApiConfig.class));

        assertThat(keys).hasSizeGreaterThan(25);
        assertThat(keys).allSatisfy(k -> assertThat(docs).contains("`" + k + "`"));
    }

    @Test
    void everyAdapterKeyIsDocumented() throws IOException {
        StringBuilder docs = new StringBuilder();
        try (var files = Files.list(Path.of("docs"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".md")).toList()) {
                docs.append(Files.readString(p));
            }
        }
        List<String> keys = keys(dev.ecsami.operator.aws.AwsConfig.class);
        keys.addAll(keys(dev.ecsami.operator.ingest.SnsConfig.class));
        keys.addAll(keys(dev.ecsami.operator.ingest.SqsConfig.class));
        keys.addAll(keys(dev.ecsami.operator.slack.SlackConfig.class));

        assertThat(keys).hasSizeGreaterThan(25);
        assertThat(keys).allSatisfy(k -> assertThat(docs.toString()).contains("`" + k + "`"));
    }

    private static List<String> keys(Class<?> mapping) {
        List<String> keys = new ArrayList<>();
        collect(mapping, mapping.getAnnotation(ConfigMapping.class).prefix(), keys);
        return keys;
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
            } else if (r.isInterface() && r.getName().startsWith("dev.ecsami.")) {
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
