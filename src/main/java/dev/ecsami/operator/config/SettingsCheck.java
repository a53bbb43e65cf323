package dev.ecsami.operator.config;

import dev.ecsami.operator.ingest.SnsConfig;
import dev.ecsami.operator.ingest.SqsConfig;
import dev.ecsami.operator.runtime.LeaderLease;

import java.time.Duration;
import java.util.List;

/**
 * The rules of the operator.* settings beyond their types (which SmallRye Config checks while it
 * reads them): ranges, positive durations, settings that only work together. Start-up runs them
 * all and stops with one line per problem, each naming its key.
 */
public final class SettingsCheck {
    /** The largest page any listing or dashboard table shows. */
    public static final int MAX_PAGE_SIZE = 500;
    private static final String DYNAMO_TABLE = "[A-Za-z0-9_.-]{3,255}";

    private SettingsCheck() {
    }

    public static List<String> problems(OperatorConfig c) {
        Checks check = new Checks();
        List<String> targets = new java.util.ArrayList<>();
        TargetsFactory.fromConfig(c.targets(), targets);
        check.addAll(targets);
        store(check, c.store());
        LeaderLease.problem(c.leader().leaseDuration(), c.leader().renewInterval()).ifPresent(check::add);
        check.positive("operator.leader.lease-duration", c.leader().leaseDuration());
        c.leader().replicaId().filter(id -> !id.isBlank()).ifPresent(id -> check.that(id.matches("[!-~]{1,128}"),
                "operator.leader.replica-id must be 1 to 128 printable characters without spaces"));
        scheduler(check, c.scheduler());
        check.positive("operator.ami-check.interval", c.amiCheck().interval());
        check.that(c.simulation().speed() > 0 && Double.isFinite(c.simulation().speed()),
                "operator.simulation.speed must be a positive number, was " + c.simulation().speed());
        check.between("operator.simulation.instances", c.simulation().instances(), 1, 1000);
        check.between("operator.dashboard.page-size", c.dashboard().pageSize(), 1, MAX_PAGE_SIZE);
        check.that(c.dashboard().refreshInterval().compareTo(Duration.ofMillis(100)) >= 0,
                "operator.dashboard.refresh-interval must be at least 100ms, was " + c.dashboard().refreshInterval());
        lifecycle(check, c.lifecycle());
        return check.problems();
    }

    private static void store(Checks check, OperatorConfig.Store s) {
        check.notBlank("operator.store.dir", s.dir().toString());
        check.atLeast("operator.store.keep-finished", s.keepFinished(), 1);
        if (s.kind() == OperatorConfig.StoreKind.DYNAMODB) {
            check.that(s.table().matches(DYNAMO_TABLE), "operator.store.table '" + s.table()
                    + "' is not a DynamoDB table name (3 to 255 letters, digits, '_', '-' or '.')");
        }
    }

    private static void scheduler(Checks check, OperatorConfig.Scheduler s) {
        check.positive("operator.scheduler.tick-interval", s.tickInterval());
        check.positive("operator.scheduler.retry-base-delay", s.retryBaseDelay());
        check.that(s.retryMaxDelay().compareTo(s.retryBaseDelay()) >= 0, "operator.scheduler.retry-max-delay ("
                + s.retryMaxDelay() + ") must not be shorter than operator.scheduler.retry-base-delay ("
                + s.retryBaseDelay() + ")");
        check.atLeast("operator.scheduler.retry-max-attempts", s.retryMaxAttempts(), 1);
    }

    private static void lifecycle(Checks check, OperatorConfig.Lifecycle l) {
        check.positive("operator.lifecycle.heartbeat-interval", l.heartbeatInterval());
        check.positive("operator.lifecycle.drain-timeout", l.drainTimeout());
        List<String> queues = l.queueUrls().orElse(List.of());
        queues.forEach(q -> check.httpUrl("operator.lifecycle.queue-urls", q));
        check.that(!l.enabled() || !queues.isEmpty(), "operator.lifecycle.queue-urls is required with "
                + "operator.lifecycle.enabled=true: the lifecycle notifications arrive on those queues");
    }

    /** The operator.sns.* and operator.sqs.* settings. */
    public static List<String> problems(SnsConfig sns, SqsConfig sqs) {
        Checks check = new Checks();
        check.region("operator.sns.region", sns.region());
        sns.topicArns().orElse(List.of()).forEach(arn -> check.that(arn.matches("arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:.+"),
                "operator.sns.topic-arns: '" + arn + "' is not an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)"));
        check.positive("operator.sns.timestamp-tolerance", sns.timestampTolerance());
        check.that(sns.dedupeRetention().compareTo(sns.timestampTolerance().multipliedBy(2)) >= 0,
                "operator.sns.dedupe-retention (" + sns.dedupeRetention() + ") must be at least twice "
                        + "operator.sns.timestamp-tolerance (" + sns.timestampTolerance()
                        + "), or a replay could pass once its MessageId is forgotten");
        check.atLeast("operator.sns.dedupe-max-entries", sns.dedupeMaxEntries(), 1);
        check.atLeast("operator.sns.cert-cache-size", sns.certCacheSize(), 1);
        check.positive("operator.sns.cert-cache-ttl", sns.certCacheTtl());
        sns.endpointUrl().ifPresent(u -> check.httpUrl("operator.sns.endpoint-url", u));
        sqs.queueUrl().ifPresent(u -> check.httpUrl("operator.sqs.queue-url", u));
        sqs.endpoint().ifPresent(u -> check.httpUrl("operator.sqs.endpoint", u.toString()));
        check.region("operator.sqs.region", sqs.region());
        check.between("operator.sqs.wait-time", sqs.waitTime(), Duration.ZERO, Duration.ofSeconds(20));
        check.between("operator.sqs.visibility-timeout", sqs.visibilityTimeout(), Duration.ofSeconds(1),
                Duration.ofHours(12));
        check.atLeast("operator.sqs.max-receives", sqs.maxReceives(), 1);
        return check.problems();
    }
}
