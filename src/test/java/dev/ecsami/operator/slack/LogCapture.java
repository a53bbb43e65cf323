package dev.ecsami.operator.slack;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Everything logged while it is open, at every level, as the text a log file would hold: the
 * formatted message and the messages of any attached exception and its causes.
 */
final class LogCapture extends Handler implements AutoCloseable {
    private static final String PACKAGE = "dev.ecsami.operator.slack";
    private final List<String> lines = new ArrayList<>();
    private final Logger root = Logger.getLogger("");
    private final Logger ours = Logger.getLogger(PACKAGE);
    private final Level previous;

    LogCapture() {
        setLevel(Level.ALL);
        previous = ours.getLevel();
        ours.setLevel(Level.ALL);
        root.addHandler(this);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        StringBuilder sb = new StringBuilder(record.getLevel() + " " + record.getLoggerName() + " " + formatted(record));
        for (Throwable t = record.getThrown(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            sb.append(" | ").append(t);
        }
        lines.add(sb.toString());
    }

    private static String formatted(LogRecord record) {
        if (record instanceof org.jboss.logmanager.ExtLogRecord ext) {
            return ext.getFormattedMessage();
        }
        return new java.util.logging.SimpleFormatter().formatMessage(record);
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    synchronized String all() {
        return String.join("\n", lines);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        root.removeHandler(this);
        ours.setLevel(previous);
    }
}
