package dev.ecsami.operator.ingest;

import dev.ecsami.operator.core.model.Trigger;
import dev.ecsami.operator.runtime.DrainRunner;
import dev.ecsami.operator.runtime.NewAmiCheck;
import java.util.List;
import java.util.Objects;

/**
 * What handling one message came to. Only {@link Failed} asks for a redelivery; everything else
 * means the message is done with and may be acknowledged.
 */
public sealed interface Handled {

    /** The message triggered an AMI check; the outcomes say what happened per target. */
    record Checked(Trigger trigger, List<NewAmiCheck.Outcome> outcomes) implements Handled {
        public Checked {
            Objects.requireNonNull(trigger, "trigger");
            outcomes = List.copyOf(outcomes);
        }
    }

    record Confirmed(String topicArn, String subscriptionArn) implements Handled {
    }

    /** A lifecycle message about a leaving instance: what became of its drain. */
    record DrainAccepted(String instanceId, DrainRunner.Accepted accepted) implements Handled {
    }

    /** Nothing to do, or nothing that a redelivery could change (e.g. an unparseable announcement). */
    record Ignored(String why) implements Handled {
    }

    /** A transient failure; a redelivery may succeed. */
    record Failed(String why) implements Handled {
    }

    default boolean wantsRedelivery() {
        return this instanceof Failed;
    }
}
