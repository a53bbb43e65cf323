package dev.ecsami.operator.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The bearer tokens the API accepts. Only SHA-256 digests are kept; a presented token is hashed
 * and compared with every known digest in constant time, so neither timing nor the position of a
 * match tells anything.
 */
public final class ApiTokens {
    public record Caller(String name, ApiConfig.Role role) {
    }

    private record Entry(String name, ApiConfig.Role role, byte[] digest) {
    }

    private final List<Entry> entries;

    private ApiTokens(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static ApiTokens from(Map<String, ApiConfig.TokenConfig> configured, Optional<Path> file) {
        List<Entry> entries = new ArrayList<>();
        configured.forEach((name, t) -> {
            if (t.secret().length() < 16) {
                throw new IllegalStateException("operator.api.tokens." + name + ".secret must be at least 16 "
                        + "characters long");
            }
            entries.add(new Entry(name, t.role(), sha256(t.secret())));
        });
        file.ifPresent(p -> entries.addAll(readFile(p)));
        return new ApiTokens(entries);
    }

    private static List<Entry> readFile(Path path) {
        List<Entry> entries = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\s+");
                String where = "operator.api.tokens-file " + path + " line " + (i + 1);
                if (parts.length != 3 || !parts[2].startsWith("sha256:") || parts[2].length() != 7 + 64) {
                    throw new IllegalStateException(where + ": expected '<name> <viewer|operator> sha256:<64 hex>'");
                }
                ApiConfig.Role role;
                try {
                    role = ApiConfig.Role.valueOf(parts[1].toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException(where + ": role must be viewer or operator", e);
                }
                entries.add(new Entry(parts[0], role, HexFormat.of().parseHex(parts[2].substring(7))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read operator.api.tokens-file " + path, e);
        }
        return entries;
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
