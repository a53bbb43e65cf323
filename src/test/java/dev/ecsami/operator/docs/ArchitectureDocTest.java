package dev.ecsami.operator.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/architecture.md matches the tree: every package is described, every class it names exists. */
class ArchitectureDocTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/ecsami/operator");
    private static final Pattern CODE = Pattern.compile("`([A-Za-z][A-Za-z0-9.]*)`");
    private static final Pattern CLASS = Pattern.compile("(?:[a-z]+\\.)*([A-Z][a-z][A-Za-z0-9]*)(?:\\.[a-z][A-Za-z]*)?");

    private static String doc() throws IOException {
        return Files.readString(Path.of("docs/architecture.md"));
    }

    @Test
    void everyTopLevelPackageIsDescribed() throws IOException {
        String doc = doc();
        try (Stream<Path> dirs = Files.list(SOURCES)) {
            List<String> missing = dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString())
                    .filter(name -> !doc.contains("`" + name + "`")).sorted().toList();
            assertThat(missing).as("packages under %s not described in docs/architecture.md", SOURCES).isEmpty();
        }
    }

    @Test
    void everyClassTheDocNamesExists() throws IOException {
        Set<String> classes;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            classes = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".java"))
                    .map(n -> n.substring(0, n.length() - ".java".length())).collect(Collectors.toSet());
        }
        Set<String> named = new TreeSet<>();
        Matcher code = CODE.matcher(doc());
        while (code.find()) {
            Matcher c = CLASS.matcher(code.group(1));
            if (c.matches()) {
                named.add(c.group(1));
            }
        }
        assertThat(named).as("classes named in docs/architecture.md").hasSizeGreaterThan(30);
        assertThat(named.stream().filter(n -> !classes.contains(n)).toList())
                .as("named in docs/architecture.md but not in the tree").isEmpty();
    }
}
