package dev.ecsami.operator.ingest;

import dev.ecsami.operator.runtime.DrainRunner;
import dev.ecsami.operator.runtime.Leadership;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Handles the messages of a lifecycle queue: each lifecycle message starts a drain (or is
 * acknowledged and ignored); anything else goes to the next handler, the AMI one when the queue is
 * shared with announcements. A replica that may not change AWS leaves the message for the leader.
 */
public final class LifecycleQueueMessageHandler implements QueueMessageHandler {
    private static final Logger LOG = Logger.getLogger(LifecycleQueueMessageHandler.class);

    private final LifecycleMessages messages;
    private final DrainRunner drains;
    private final Leadership leadership;
    private final Optional<QueueMessageHandler> otherwise;

    public LifecycleQueueMessageHandler(LifecycleMessages messages, DrainRunner drains, Leadership leadership,
                                        Optional<QueueMessageHandler> otherwise) {
        this.messages = messages;
        this.drains = drains;
        this.leadership = leadership;
        this.otherwise = otherwise;
    }

    @Override
    public Handled handle(String messageId, String body) {
        Optional<LifecycleMessages.Message> read = messages.read(body);
        if (read.isEmpty()) {
            return otherwise.map(h -> h.handle(messageId, body))
                    .orElseGet(() -> new Handled.Ignored("not a lifecycle message"));
        }
        if (read.get() instanceof LifecycleMessages.Message.Ignore ignore) {
            LOG.debugf("lifecycle message %s ignored: %s", messageId, ignore.why());
            return new Handled.Ignored(ignore.why());
        }
        if (!leadership.mayMutate()) {
            return new Handled.Failed("this replica does not lead; the leader handles lifecycle messages");
        }
        LifecycleMessages.Message.Drain drain = (LifecycleMessages.Message.Drain) read.get();
        return new Handled.DrainAccepted(drain.request().instanceId(), drains.accept(drain.request()));
    }
}
