package dev.ecsami.operator.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsami.operator.aws.AwsClients;
import dev.ecsami.operator.config.OperatorConfig;
import dev.ecsami.operator.core.port.RolloutStore;
import dev.ecsami.operator.runtime.LeaderLease;
import dev.ecsami.operator.runtime.Leadership;
import dev.ecsami.operator.store.DirectoryLock;
import dev.ecsami.operator.store.FileDrainStore;
import dev.ecsami.operator.store.FileRolloutStore;
import dev.ecsami.operator.store.InMemoryDrainStore;
import dev.ecsami.operator.core.port.DrainStore;
import dev.ecsami.operator.store.InMemoryRolloutStore;
import dev.ecsami.operator.store.RolloutJson;
import dev.ecsami.operator.store.SharedKeys;
import dev.ecsami.operator.store.dynamo.DynamoDrainStore;
import dev.ecsami.operator.store.dynamo.DynamoLeaseTable;
import dev.ecsami.operator.store.dynamo.DynamoRolloutStore;
import dev.ecsami.operator.store.dynamo.DynamoSharedKeys;
import dev.ecsami.operator.store.dynamo.DynamoTable;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The store the configuration chose and, with it, who leads: the one process of a {@code file} or
 * {@code memory} store always does; replicas on a {@code dynamodb} store elect a leader by lease.
 */
@ApplicationScoped
public class StoreBeans {
    /** Held for the life of the process; the operating system lets go of it when the process ends. */
    private DirectoryLock fileLock;

    /** Lets go of the directory when the application stops (tests start several in one JVM). */
    @PreDestroy
    void releaseDirectory() throws java.io.IOException {
        if (fileLock != null) {
            fileLock.close();
            fileLock = null;
        }
    }

    /** The table of the dynamodb store, checked (or created) when first needed, which is at start-up. */
    @Produces
    @Singleton
    Optional<DynamoTable> dynamoTable(OperatorConfig config, Instance<AwsClients> clients) {
        if (config.store().kind() != OperatorConfig.StoreKind.DYNAMODB) {
            return Optional.empty();
        }
        DynamoTable table = new DynamoTable(clients.get().dynamoDb(), config.store().table());
        table.ensure(config.store().createTable());
        return Optional.of(table);
    }

    /** The stored JSON format, on the application's managed mapper. */
    @Produces
    @Singleton
    RolloutJson rolloutJson(ObjectMapper json) {
        return new RolloutJson(json);
    }

    @Produces
    @Singleton
    RolloutStore store(OperatorConfig config, Optional<DynamoTable> table, Clock clock, RolloutJson json) {
        return switch (config.store().kind()) {
            case MEMORY -> new InMemoryRolloutStore();
            case FILE -> {
                fileLock = DirectoryLock.acquire(config.store().dir());
                yield new FileRolloutStore(json, config.store().dir(), config.store().keepFinished());
            }
            case DYNAMODB -> new DynamoRolloutStore(json, table.orElseThrow(), clock);
        };
    }

    /**
     * Drain records of scale-in and Spot drains, kept where the rollouts are: beside them with the
     * file store, so a restart resumes them; in the shared table with dynamodb, so a new leader does.
     */
    @Produces
    @Singleton
    DrainStore drainStore(OperatorConfig config, Optional<DynamoTable> table, RolloutJson json) {
        return switch (config.store().kind()) {
            case MEMORY -> new InMemoryDrainStore();
            case FILE -> new FileDrainStore(json, config.store().dir().resolve("drains"), config.store().keepFinished());
            case DYNAMODB -> new DynamoDrainStore(json, table.orElseThrow());
        };
    }

    /**
     * SNS message ids and Slack message ids shared by replicas; empty when there is one process.
     * Their expiry is a wall-clock fact (DynamoDB's TTL), also when the backend is simulated.
     */
    @Produces
    @Singleton
    Optional<SharedKeys> sharedKeys(Optional<DynamoTable> table) {
        return table.map(t -> new DynamoSharedKeys(t, Clock.systemUTC()));
    }

    @Produces
    @Singleton
    Leadership leadership(OperatorConfig config, Optional<DynamoTable> table) {
        String replica = config.leader().replicaId().filter(s -> !s.isBlank()).orElseGet(StoreBeans::replicaName);
        if (table.isEmpty()) {
            return Leadership.sole(replica);
        }
        // The lease counts on this machine's monotonic clock; wall time is only written for people to read.
        return new LeaderLease(replica, new DynamoLeaseTable(table.get()), config.leader().leaseDuration(),
                config.leader().renewInterval(), Clock.systemUTC(), System::nanoTime);
    }

    private static String replicaName() {
        byte[] suffix = new byte[2];
        new SecureRandom().nextBytes(suffix);
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "replica";
        }
        return host + "-" + HexFormat.of().formatHex(suffix);
    }
}
