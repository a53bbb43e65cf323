package dev.ecsami.operator.store.dynamo;

import dev.ecsami.operator.store.TestJson;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.port.RolloutStore;
import dev.ecsami.operator.runtime.LeaseTable.Lease;
import dev.ecsami.operator.store.RolloutStoreContract;
import dev.ecsami.operator.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What only the shared store does: fencing, the lease item, shared keys, the table at start-up. */
@ExtendWith(Dynalite.class)
class DynamoStoreTest {
    private final DynamoDbClient client = Dynalite.server().client();
    private final DynamoTable table = Dynalite.freshTable(client);

    @Test
    void aStaleLeadersWriteIsRefusedOnceANewerTokenWrote() {
        DynamoRolloutStore oldLeader = new DynamoRolloutStore(TestJson.STORE, table, Clock.systemUTC());
        DynamoRolloutStore newLeader = new DynamoRolloutStore(TestJson.STORE, table, Clock.systemUTC());
        Rollout r = RolloutStoreContract.rollout("r-1", "asg-a", 0);
        oldLeader.create(r);
        Rollout byOld = RolloutStoreContract.changed(r, "old", 5);
        oldLeader.update(r, byOld, 1);
        Rollout seen = newLeader.find("r-1").orElseThrow();
        Rollout byNew = RolloutStoreContract.changed(seen, "new", 6);
        newLeader.update(seen, byNew, 2);
        // The old leader re-reads (it has the newest version) but its token is stale.
        Rollout reread = oldLeader.find("r-1").orElseThrow();

        assertThatThrownBy(() -> oldLeader.update(reread, RolloutStoreContract.changed(reread, "old", 7), 1))
                .isInstanceOf(RolloutStore.Conflict.class).hasMessageContaining("fencing token 1");
        Rollout command = RolloutStoreContract.changed(reread, "operator-via-api", 8);
        oldLeader.update(reread, command, 0);
        assertThat(newLeader.find("r-1")).contains(command);
    }

    @Test
    void aReaderSeesACommittedWriteWholeEvenBeforeItsEventItemsArePut() {
        DynamoRolloutStore writer = new DynamoRolloutStore(TestJson.STORE, table, Clock.systemUTC());
        Rollout r = RolloutStoreContract.rollout("r-1", "asg-a", 0);
        writer.create(r);
        Rollout next = RolloutStoreContract.changed(r, "bob", 5);
        writer.update(r, next, 0);
        // As if the writer died right after its head write: the new event's item is gone.
        client.deleteItem(b -> b.tableName(table.name()).key(DynamoTable.key(DynamoRolloutStore.eventsKey("r-1"),
                String.format("%010d", r.events().size()))));

        DynamoRolloutStore reader = new DynamoRolloutStore(TestJson.STORE, table, Clock.systemUTC());
        Rollout read = reader.find("r-1").orElseThrow();
        assertThat(read).isEqualTo(next);
        Rollout after = RolloutStoreContract.changed(read, "carol", 9);
        reader.update(read, after, 0);
        assertThat(new DynamoRolloutStore(TestJson.STORE, table, Clock.systemUTC()).find("r-1")).contains(after);
    }

    @Test
    void theLeaseIsWrittenOnlyOverTheVersionReadAndItsTokenNeverGoesDown() {
        DynamoLeaseTable leases = new DynamoLeaseTable(table);
        Lease first = new Lease("a", 1, 1, Instant.parse("2026-12-01T10:00:20Z"));

        assertThat(leases.read()).isEmpty();
        assertThat(leases.replace(Optional.empty(), first)).isTrue();
        assertThat(leases.replace(Optional.empty(), first)).isFalse();
        Lease renewed = new Lease("a", 1, 2, Instant.parse("2026-12-01T10:00:25Z"));
        assertThat(leases.replace(Optional.of(first), renewed)).isTrue();
        assertThat(leases.replace(Optional.of(first), new Lease("b", 2, 2, Instant.EPOCH))).isFalse();
        assertThat(leases.replace(Optional.of(renewed), new Lease("b", 0, 3, Instant.EPOCH))).isFalse();
        Lease takeover = new Lease("b", 2, 3, Instant.parse("2026-12-01T10:00:50Z"));
        assertThat(leases.replace(Optional.of(renewed), takeover)).isTrue();
        assertThat(leases.read()).contains(takeover);
    }

    @Test
    void sharedKeysAreTakenOnceUntilTheyExpire() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
        DynamoSharedKeys keys = new DynamoSharedKeys(table, clock);
        DynamoSharedKeys otherReplica = new DynamoSharedKeys(table, clock);
        Instant inAnHour = clock.instant().plus(Duration.ofHours(1));

        assertThat(keys.putIfAbsent("sns-message#m-1", "", inAnHour)).isTrue();
        assertThat(otherReplica.putIfAbsent("sns-message#m-1", "", inAnHour)).isFalse();
        otherReplica.put("slack-message#r-1", "{\"channel\":\"C1\",\"ts\":\"1.2\"}", inAnHour);
        assertThat(keys.get("slack-message#r-1")).contains("{\"channel\":\"C1\",\"ts\":\"1.2\"}");

        clock.advance(Duration.ofHours(1));
        assertThat(keys.get("slack-message#r-1")).isEmpty();
        assertThat(otherReplica.putIfAbsent("sns-message#m-1", "", inAnHour.plus(Duration.ofHours(1)))).isTrue();
        keys.remove("sns-message#m-1");
        assertThat(keys.putIfAbsent("sns-message#m-1", "", inAnHour)).isTrue();
    }

    @Test
    void aMissingTableStopsStartUpNamingTheSettingUnlessItMayBeCreated() {
        DynamoTable missing = new DynamoTable(client, "no-such-table-" + System.nanoTime());

        assertThatThrownBy(() -> missing.ensure(false)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("operator.store.table").hasMessageContaining("operator.store.create-table");
        missing.ensure(true);
        assertThat(client.describeTable(b -> b.tableName(missing.name())).table().keySchema())
                .extracting(k -> k.attributeName()).containsExactly("pk", "sk");
        missing.ensure(false);
    }

    @Test
    void aGroupClaimLeftByACreatorThatDiedIsTakenOverAfterAWhile() {
        MutableClock clock = new MutableClock(Instant.now());
        client.putItem(b -> b.tableName(table.name()).item(Map.of("pk", DynamoTable.s(GroupClaims.PARTITION),
                "sk", DynamoTable.s("asg-a"), "rollout", DynamoTable.s("r-ghost"),
                "claimedAt", DynamoTable.n(clock.instant().getEpochSecond()))));
        DynamoRolloutStore store = new DynamoRolloutStore(TestJson.STORE, table, clock);

        assertThatThrownBy(() -> store.create(RolloutStoreContract.rollout("r-1", "asg-a", 0)))
                .isInstanceOf(RolloutStore.Conflict.class).hasMessageContaining("r-ghost (being created)");
        clock.advance(GroupClaims.ABANDONED.plusSeconds(1));
        store.create(RolloutStoreContract.rollout("r-1", "asg-a", 0));
        assertThat(store.activeFor("asg-a")).map(Rollout::id).contains("r-1");
    }
}
