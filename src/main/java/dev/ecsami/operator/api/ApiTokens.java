package dev.ecsami.operator.api;

import dev.ecsami.operator.config.InvalidConfiguration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The bearer tokens the API accepts. Only SHA-256 digests are kept; a presented token is hashed
 * and compared with every known digest in constant time, so neither timing nor the position of a
 * match tells anything.
 */
public final class ApiTokens {
    /** The shortest secret accepted in operator.api.tokens.&lt;name&gt;.secret. */
    static final int MIN_SECRET_LENGTH = 16;

    public record Caller(String name, ApiConfig.Role role) {
    }

    private record Entry(String name, ApiConfig.Role role, byte[] digest) {
    }

    private final List<Entry> entries;

    private ApiTokens(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** @throws InvalidConfiguration naming every token setting at fault */
    public static ApiTokens from(Map<String, ApiConfig.TokenConfig> configured, Optional<Path> file) {
        List<String> problems = new ArrayList<>();
        ApiTokens tokens = read(configured, file, problems);
        if (!problems.isEmpty()) {
            throw new InvalidConfiguration(problems);
        }
        return tokens;
    }

    /** What is wrong with the token settings, one line per problem naming its key; empty when nothing is. */
    public static List<String> problems(ApiConfig config) {
        List<String> problems = new ArrayList<>();
        read(config.tokens(), config.tokensFile(), problems);
        return problems;
    }

    private static ApiTokens read(Map<String, ApiConfig.TokenConfig> configured, Optional<Path> file,
                                  List<String> problems) {
        List<Entry> entries = new ArrayList<>();
        configured.forEach((name, t) -> {
            if (t.secret().length() < MIN_SECRET_LENGTH) {
                problems.add("operator.api.tokens." + name + ".secret must be at least " + MIN_SECRET_LENGTH
                        + " characters long (value hidden)");
            } else {
                entries.add(new Entry(name, t.role(), sha256(t.secret())));
            }
        });
        file.ifPresent(p -> readFile(p, configured.keySet(), entries, problems));
        return new ApiTokens(entries);
    }

    private static void readFile(Path path, Set<String> configuredNames, List<Entry> entries, List<String> problems) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add("operator.api.tokens-file " + path + " cannot be read: " + e);
            return;
        }
        Set<String> names = new HashSet<>(configuredNames);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            String where = "operator.api.tokens-file " + path + " line " + (i + 1);
            if (parts.length != 3 || !parts[2].matches("sha256:[0-9a-fA-F]{64}")) {
                problems.add(where + ": expected '<name> <viewer|operator> sha256:<64 hex>'");
                continue;
            }
            Optional<ApiConfig.Role> role = role(parts[1]);
            if (role.isEmpty()) {
                problems.add(where + ": role must be viewer or operator, was '" + parts[1] + "'");
            } else if (!names.add(parts[0])) {
                problems.add(where + ": token name '" + parts[0] + "' is given twice; each token needs its own name");
            } else {
                entries.add(new Entry(parts[0], role.get(), HexFormat.of().parseHex(parts[2].substring(7))));
            }
        }
    }

    private static Optional<ApiConfig.Role> role(String text) {
        try {
            return Optional.of(ApiConfig.Role.valueOf(text.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The caller a presented secret belongs to, if any. */
    public Optional<Caller> authenticate(String presented) {
        byte[] digest = sha256(presented);
        Caller found = null;
        for (Entry e : entries) {
            if (MessageDigest.isEqual(e.digest, digest) && found == null) {
                found = new Caller(e.name, e.role);
            }
        }
        return Optional.ofNullable(found);
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
