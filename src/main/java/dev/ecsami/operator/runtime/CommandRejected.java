package dev.ecsami.operator.runtime;

/** A command that cannot be carried out as asked; nothing was changed. */
public class CommandRejected extends RuntimeException {
    public enum Reason { NOT_FOUND, CONFLICT, INVALID }

    private final Reason reason;
    private final String field;

    public CommandRejected(Reason reason, String field, String message) {
        super(message);
        this.reason = reason;
        this.field = field;
    }

    public Reason reason() {
        return reason;
    }

    /** The request field at fault, or empty. */
    public String field() {
        return field;
    }
}
