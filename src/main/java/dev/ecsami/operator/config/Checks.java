package dev.ecsami.operator.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects what is wrong with settings, one line per problem, each starting with the key at fault
 * and saying what was expected. Nothing here prints a value that could be a secret.
 */
public final class Checks {
    private static final String REGION = "[a-z]{2,}(-[a-z]+)+-\\d+";

    private final List<String> problems = new ArrayList<>();

    public List<String> problems() {
        return List.copyOf(problems);
    }

    public void add(String problem) {
        problems.add(problem);
    }

    public void addAll(List<String> more) {
        problems.addAll(more);
    }

    public void that(boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
    }

    /**
     * The value {@code parser} makes of {@code raw}, or {@code fallback} after adding the parser's
     * message, behind the key, as a problem.
     */
    public <T> T parsed(String key, String raw, java.util.function.Function<String, T> parser, T fallback) {
        try {
            return parser.apply(raw);
        } catch (IllegalArgumentException e) {
            problems.add(key + " " + e.getMessage());
            return fallback;
        }
    }

    public void positive(String key, Duration d) {
        that(!d.isZero() && !d.isNegative(), key + " must be a positive duration (e.g. 30s, 15m, 1h), was " + d);
    }

    public void notNegative(String key, Duration d) {
        that(!d.isNegative(), key + " must be zero or positive, was " + d);
    }

    /** Both bounds included. */
    public void between(String key, Duration d, Duration min, Duration max) {
        that(d.compareTo(min) >= 0 && d.compareTo(max) <= 0, key + " must be " + text(min) + " to " + text(max)
                + ", was " + d);
    }

    public void atLeast(String key, long value, long min) {
        that(value >= min, key + " must be " + min + " or more, was " + value);
    }

    /** Both bounds included. */
    public void between(String key, long value, long min, long max) {
        that(value >= min && value <= max, key + " must be " + min + " to " + max + ", was " + value);
    }

    public void notBlank(String key, String value) {
        that(value != null && !value.isBlank(), key + " must not be empty");
    }

    public void region(String key, String region) {
        that(region.matches(REGION), key + " '" + region + "' is not a region name like eu-west-1");
    }

    /** An absolute http(s) URL; the value is not repeated, it may hold a secret. */
    public void httpUrl(String key, String value) {
        boolean ok;
        try {
            URI uri = new URI(value.strip());
            ok = ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            ok = false;
        }
        that(ok, key + " must be an absolute http(s) URL");
    }

    private static String text(Duration d) {
        return d.toString().substring(2).toLowerCase();
    }
}
