package dev.ecsami.operator.slack;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * Makes text safe to log. Every log line of this package that could carry a URL, a response body
 * or an exception message goes through here.
 */
public final class Redaction {
    private static final String MASK = "***";
    /** Slack tokens: bot, user, app-level, configuration and refresh tokens. */
    private static final Pattern TOKEN = Pattern.compile("xox[a-z]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+");
    /** The path of an incoming-webhook URL is its credential. */
    private static final Pattern WEBHOOK_PATH = Pattern.compile("(hooks\\.slack(?:-gov)?\\.com)/\\S*");
    private static final Pattern USER_INFO = Pattern.compile("(\\w+://)[^/@\\s]+@");
    private static final int MAX_LENGTH = 500;

    private Redaction() {
    }

    /**
     * Removes the given secrets and anything that looks like a Slack token, a webhook path or
     * URL credentials; shortens the result to a loggable length.
     */
    public static String text(String raw, Secret... secrets) {
        if (raw == null) {
            return "";
        }
        String s = raw;
        for (Secret secret : secrets) {
            if (secret != null && !secret.reveal().isEmpty()) {
                s = s.replace(secret.reveal(), MASK);
            }
        }
        s = TOKEN.matcher(s).replaceAll(MASK);
        s = WEBHOOK_PATH.matcher(s).replaceAll("$1/" + MASK);
        s = USER_INFO.matcher(s).replaceAll("$1" + MASK + "@");
        return s.length() <= MAX_LENGTH ? s : s.substring(0, MAX_LENGTH) + "...";
    }

    /** Scheme, host and port only: where a request went, without the path that may be a credential. */
    public static String url(URI uri) {
        if (uri == null || uri.getHost() == null) {
            return MASK;
        }
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        return uri.getScheme() + "://" + uri.getHost() + port + "/" + MASK;
    }

    /** An exception as one line: its type and redacted message, and those of its root cause. */
    public static String failure(Throwable t, Secret... secrets) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String line = describe(t);
        if (root != t) {
            line += " (caused by " + describe(root) + ")";
        }
        return text(line, secrets);
    }

    /**
     * A value that must never reach a log, an exception or a metric: the bot token or the webhook URL
     * (whose path is itself the credential). {@link #toString()} hides it; only the client calls
     * {@link #reveal()}.
     */
    public static final class Secret {
        private final String value;

        private Secret(String value) {
            this.value = java.util.Objects.requireNonNull(value, "value");
        }

        public static Secret of(String value) {
            return new Secret(value);
        }

        public String reveal() {
            return value;
        }

        @Override
        public String toString() {
            return MASK;
        }
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
