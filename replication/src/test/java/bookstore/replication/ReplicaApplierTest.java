package bookstore.replication;

import static bookstore.replication.ReplicationFakes.historyWrite;
import static bookstore.replication.ReplicationFakes.stampOf;
import static bookstore.replication.ReplicationFakes.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bookstore.replication.ReplicationFakes.Cluster;
import bookstore.replication.ReplicationFakes.Replica;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pins the rules of {@link ReplicaApplier} (its class Javadoc, from SPEC "Replication"): writes are
 * applied exactly once and in sequence order; a write from an epoch older than the one the replica
 * knows is refused; a write at or below the last applied sequence is a redelivery; a write beyond
 * the next sequence, or the first of a new epoch, makes the replica check its history against the
 * primary's and fill in from the primary's log, or from its snapshot when the replica has no state
 * yet or its history diverged (the primary's log answers 410 Gone, by the real {@link
 * bookstore.replication.rest.ReplicaResource} rules).
 *
 * <p>Three replicas: replica 2 is primary in epoch 22 (replica 1's epoch 11 came before it);
 * replica 1 is the backup under test.
 */
class ReplicaApplierTest {
  private static final long OLD = 11;
  private static final long EPOCH = 22;

  private Cluster cluster;
  private Replica backup;
  private Replica primary;

  @BeforeEach
  void threeReplicasWithPrimaryTwo() {
    cluster = Cluster.ofThree(2, EPOCH);
    backup = cluster.replica(1);
    primary = cluster.replica(2);
  }

  @Test
  void anInOrderWriteIsAppliedLoggedAndAdvancesTheReplica() {
    primary.holds(EPOCH, 1, 3);
    backup.holds(EPOCH, 1, 2);

    assertTrue(backup.applier.applyDelivered(primary.logged(3)));

    assertEquals(List.of(stampOf(EPOCH, 3)), backup.state.applied);
    assertEquals("v3@22", backup.state.data.get("k3"));
    assertEquals(Map.of(1L, EPOCH, 2L, EPOCH, 3L, EPOCH), backup.log.epochs());
    assertEquals(primary.logged(3), backup.logged(3));
    assertEquals(3, backup.row().getLastSequence());
    assertEquals(EPOCH, backup.row().getLastEpoch());
    assertEquals(
        List.of(), cluster.calls(2), "an in-order write of the current epoch needs no catch-up");
  }

  @Test
  void aRedeliveryChangesNothingAndIsNoNews() {
    backup.holds(EPOCH, 1, 3);
    Map<String, String> before = Map.copyOf(backup.state.data);

    assertFalse(backup.applier.applyDelivered(historyWrite(EPOCH, 3)));
    assertFalse(backup.applier.applyDelivered(update(stampOf(EPOCH, 2), "k2", "changed")));

    assertEquals(List.of(), backup.state.applied);
    assertEquals(before, backup.state.data);
    assertEquals(3, backup.log.entries.size());
    assertEquals(3, backup.row().getLastSequence());
    assertEquals(List.of(), cluster.calls(2));
  }

  @Test
  void aWriteOfAnEpochOlderThanThePersistedOneIsRefused() {
    Cluster fresh = new Cluster(3, 60_000);
    Replica replica = fresh.replica(1).holds(OLD, 1, 2); // its membership knows no epoch yet
    replica.applier.adoptEpoch(EPOCH);

    assertFalse(replica.applier.applyDelivered(historyWrite(OLD, 3)));

    assertEquals(List.of(), replica.state.applied);
    assertEquals(2, replica.row().getLastSequence());
    assertEquals(2, replica.log.entries.size());
  }

  @Test
  void aWriteOfAnEpochOlderThanTheMembershipKnowsIsRefused() {
    Cluster fresh = new Cluster(3, 60_000);
    Replica replica = fresh.replica(1).holds(OLD, 1, 2); // persisted epoch 11
    replica.membership.follow(2, EPOCH); // heard of epoch 22, not persisted yet

    assertFalse(replica.applier.applyDelivered(historyWrite(OLD, 3)));

    assertEquals(List.of(), replica.state.applied);
    assertEquals(2, replica.row().getLastSequence());
    assertEquals(OLD, replica.row().getEpoch());
    assertEquals(List.of(), fresh.calls(2));
  }

  @Test
  void aGapIsFilledFromThePrimarysLogThatAlsoHoldsTheWrite() {
    primary.holds(EPOCH, 1, 5);
    backup.holds(EPOCH, 1, 2);

    assertTrue(backup.applier.applyDelivered(primary.logged(5)));

    assertEquals(List.of(3L, 4L, 5L), backup.state.appliedSequences(), "each write once, in order");
    assertEquals(primary.state.data, backup.state.data);
    assertEquals(5, backup.row().getLastSequence());
    assertEquals(List.of("heartbeat", "log 2 22 500"), cluster.calls(2));
  }

  @Test
  void aGapIsFilledFromThePrimarysLogAndThenTheWriteIsApplied() {
    primary.holds(EPOCH, 1, 4);
    backup.holds(EPOCH, 1, 2);

    assertTrue(backup.applier.applyDelivered(historyWrite(EPOCH, 5)));

    assertEquals(List.of(3L, 4L, 5L), backup.state.appliedSequences());
    assertEquals(5, backup.row().getLastSequence());
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L), List.copyOf(backup.log.entries.keySet()));
  }

  @Test
  void aGapWithNoPrimaryKnownAppliesNothingAndWaitsForTheCatchUpTimer() {
    primary.holds(EPOCH, 1, 5);
    backup.holds(EPOCH, 1, 2);
    backup.membership.primaryLost();

    assertTrue(backup.applier.applyDelivered(primary.logged(5)));

    assertEquals(List.of(), backup.state.applied);
    assertEquals(2, backup.row().getLastSequence());
    assertEquals(List.of(), cluster.calls(2));
  }

  @Test
  void aGapWithAnUnreachablePrimaryAppliesNothing() {
    primary.holds(EPOCH, 1, 5);
    backup.holds(EPOCH, 1, 2);
    cluster.down(2);

    assertTrue(backup.applier.applyDelivered(primary.logged(5)));

    assertEquals(List.of(), backup.state.applied);
    assertEquals(2, backup.row().getLastSequence());
    assertEquals(List.of("heartbeat"), cluster.calls(2));
  }

  @Test
  void theFirstWriteOfANewEpochProbesThePrimarysHistoryAtTheLastWrite() {
    backup.holds(OLD, 1, 4);
    primary.holds(OLD, 1, 4).holds(EPOCH, 5, 5);

    assertTrue(backup.applier.applyDelivered(primary.logged(5)));

    assertEquals(
        List.of("heartbeat", "log 4 11 500"),
        cluster.calls(2),
        "probe with the epoch of its write at 4; no snapshot");
    assertEquals(List.of(stampOf(EPOCH, 5)), backup.state.applied);
    assertEquals(5, backup.row().getLastSequence());
    assertEquals(EPOCH, backup.row().getLastEpoch());
  }

  /**
   * The case the fencing exists for: replica 1 was primary in epoch 11 and comes back holding
   * writes 5..6 that never reached anybody; replica 2 took over in epoch 22 from 1..4 and wrote
   * 5..8. The catch-up timer's request finds the histories diverged at 6 (410 Gone) and installs
   * the primary's snapshot, dropping the returning replica's own tail.
   */
  @Test
  void aReturningOldPrimaryDropsItsUnreplicatedTailForTheNewPrimarysHistory() {
    Replica returning = returnsHolding(6, 8);
    assertTrue(
        Cluster.gone(() -> primary.api.log(6, OLD, 500)),
        "the primary's log refuses the diverged history");

    assertEquals(8, returning.applier.catchUpWithPrimary());

    assertEquals(List.of("heartbeat", "log 6 11 500", "snapshot"), cluster.calls(2));
    assertHoldsTheHistoryOf(primary, returning);
    assertEquals("v5@22", returning.state.data.get("k5"));
    assertEquals("v6@22", returning.state.data.get("k6"));
    assertEquals(EPOCH, returning.applier.persistedEpoch());

    // and from there it applies the new primary's next write in order
    cluster.heartbeats(2); // the primary's lease
    String next = primary.write("k9", "v9@22");
    cluster.forgetCalls();
    assertTrue(returning.applier.applyDelivered(next));
    assertEquals(List.of(), cluster.calls(2));
    assertHoldsTheHistoryOf(primary, returning);
    assertEquals(9, returning.row().getLastSequence());
  }

  /**
   * The same return, as it happens when the returning replica's durable subscription delivers what
   * it missed: the new primary's writes 5..8 of epoch 22, in order.
   */
  @Test
  void aReturningOldPrimaryReplayingItsSubscriptionEndsWithTheNewPrimarysHistory() {
    Replica returning = returnsHolding(6, 8);

    for (long sequence = 5; sequence <= 8; sequence++) {
      returning.applier.applyDelivered(primary.logged(sequence));
    }

    assertHoldsTheHistoryOf(primary, returning);
  }

  @Test
  void aDivergedTailLongerThanThePrimarysHistoryIsDropped() {
    Replica returning = returnsHolding(8, 6);

    assertEquals(6, returning.applier.catchUpWithPrimary());

    assertHoldsTheHistoryOf(primary, returning);
    assertFalse(returning.state.data.containsKey("k7"));
    assertFalse(returning.state.data.containsKey("k8"));
  }

  @Test
  void aReplicaWithNoStateInstallsTheSnapshotBeforeReadingTheLog() {
    primary.holds(EPOCH, 1, 5);

    assertEquals(5, backup.applier.catchUpWithPrimary());

    assertEquals(List.of("heartbeat", "snapshot", "log 5 22 500"), cluster.calls(2));
    assertEquals(1, backup.state.installs);
    assertEquals(List.of(), backup.state.applied);
    assertEquals(primary.state.data, backup.state.data);
    assertEquals(
        Map.of(5L, EPOCH), backup.log.epochs(), "the log starts at the snapshot's position");
    assertEquals(5, backup.row().getLastSequence());
    assertEquals(EPOCH, backup.row().getLastEpoch());
  }

  @Test
  void aDeliveryToAReplicaWithNoStateInstallsTheSnapshotFirst() {
    primary.holds(EPOCH, 1, 6);

    assertTrue(backup.applier.applyDelivered(primary.logged(6)));

    assertEquals(1, backup.state.installs);
    assertEquals(List.of(), backup.state.applied, "write 6 came with the snapshot");
    assertEquals(primary.state.data, backup.state.data);
    assertEquals(6, backup.row().getLastSequence());
  }

  @Test
  void catchUpFetchesBatchesUntilLevelWithThePrimarysHeartbeat() {
    primary.holds(EPOCH, 1, 1201);
    backup.holds(EPOCH, 1, 1);

    assertEquals(1201, backup.applier.catchUpWithPrimary());

    int batch = ReplicaApplier.CATCH_UP_BATCH;
    assertEquals(
        List.of("heartbeat", "log 1 22 " + batch, "log 501 22 " + batch, "log 1001 22 " + batch),
        cluster.calls(2));
    assertEquals(1200, backup.state.applied.size());
    assertEquals(primary.state.data, backup.state.data);
  }

  /**
   * Replica 3 holds writes 1..{@code peerTo}, the backup 1..{@code backupTo}; the backup catches up
   * from replica 3, which answers.
   *
   * @return replica 3
   */
  private Replica catchUpFromThreeHolding(long peerTo, long backupTo) {
    Replica peer = cluster.replica(3).holds(EPOCH, 1, peerTo);
    backup.holds(EPOCH, 1, backupTo);

    assertTrue(backup.applier.catchUpFrom(cluster.link(3)));
    return peer;
  }

  @Test
  void catchUpFromAPeerFetchesBatchesFromThatPeer() {
    Replica peer = catchUpFromThreeHolding(1001, 1);

    assertEquals(List.of("heartbeat", "log 1 22 500", "log 501 22 500"), cluster.calls(3));
    assertEquals(List.of(), cluster.calls(2));
    assertEquals(1001, backup.applier.persistedSequence());
    assertEquals(peer.state.data, backup.state.data);
  }

  @Test
  void catchUpWithALevelPeerOnlyProbes() {
    Replica peer = catchUpFromThreeHolding(5, 5);

    assertEquals(List.of("heartbeat", "log 5 22 500"), cluster.calls(3));
    assertEquals(List.of(), backup.state.applied);
    assertEquals(peer.state.data, backup.state.data);
  }

  @Test
  void catchUpFromAnUnreachablePeerReportsItDidNotAnswer() {
    backup.holds(EPOCH, 1, 2);
    cluster.down(3);

    assertFalse(backup.applier.catchUpFrom(cluster.link(3)));

    assertEquals(2, backup.applier.persistedSequence());
  }

  @Test
  void adoptEpochPersistsANewerEpochAndNeverLowersIt() {
    backup.applier.adoptEpoch(33);
    backup.applier.adoptEpoch(EPOCH);

    assertEquals(33, backup.applier.persistedEpoch());
  }

  /**
   * BUG (disabled until fixed): a gap the primary's log cannot fill is applied over. Here the
   * primary's log ends at 4 when write 6 is delivered; the applier catches up to 4, then applies 6
   * anyway, so this replica says it is at 6 without ever having applied 5 ("each exactly once and
   * in sequence order" breaks, and no later catch-up repairs it: the probe at 6 agrees).
   */
  @Test
  void aGapThePrimaryCannotFillIsNotAppliedOver() {
    primary.holds(EPOCH, 1, 4);
    backup.holds(EPOCH, 1, 2);

    assertTrue(backup.applier.applyDelivered(historyWrite(EPOCH, 6)));

    assertEquals(4, backup.row().getLastSequence());
    assertFalse(backup.state.data.containsKey("k6"));
  }

  /**
   * BUG (disabled until fixed): a write of a newer epoch at a sequence this replica holds from a
   * diverged history is taken for a redelivery (false, no probe). The returning old primary keeps
   * reporting sequence 6 while holding epoch 11's write there, so a read that waits for sequence 6
   * (ReadBarrier, read your writes) is served the write that was never acknowledged, until a write
   * above 6 or the catch-up timer repairs it.
   */
  @Test
  void aNewerEpochsWriteAtASequenceHeldFromADivergedHistoryIsNoRedelivery() {
    Replica returning = returnsHolding(6, 6);

    assertTrue(returning.applier.applyDelivered(primary.logged(5)));

    assertHoldsTheHistoryOf(primary, returning);
  }

  /**
   * Sets up the return of an old primary: replicas 2 and 3 hold writes 1..4 of epoch 11 and
   * 5..{@code newTo} of epoch 22 (replica 2 primary); replica 1, primary in epoch 11 until it went
   * down, holds 1..{@code oldTo} of epoch 11 (5.. never replicated), persisted epoch 11, and has
   * heard replica 2's heartbeat as primary in epoch 22.
   *
   * @return replica 1
   */
  private Replica returnsHolding(long oldTo, long newTo) {
    cluster = new Cluster(3, 60_000);
    primary = cluster.replica(2).holds(OLD, 1, 4).holds(EPOCH, 5, newTo).follows(2, EPOCH);
    cluster.replica(3).holds(OLD, 1, 4).holds(EPOCH, 5, newTo).follows(2, EPOCH);
    Replica returning = cluster.replica(1).holds(OLD, 1, oldTo);
    cluster.heartbeats(1);
    assertEquals(2, returning.membership.primaryId());
    assertEquals(OLD, returning.applier.persistedEpoch());
    return returning;
  }

  /**
   * Asserts that {@code replica} holds exactly {@code source}'s history: the same state, the same
   * position, and a log that agrees with the source's wherever it holds an entry.
   */
  private static void assertHoldsTheHistoryOf(Replica source, Replica replica) {
    assertEquals(source.state.data, replica.state.data, "state");
    assertEquals(source.row().getLastSequence(), replica.row().getLastSequence(), "last sequence");
    assertEquals(
        source.row().getLastEpoch(), replica.row().getLastEpoch(), "epoch of the last write");
    SortedMap<Long, Long> disagreeing = new TreeMap<>(replica.log.epochs());
    disagreeing
        .entrySet()
        .removeIf(e -> source.log.epochAt(e.getKey()).equals(Optional.of(e.getValue())));
    assertEquals(Map.of(), disagreeing, "log entries of another history");
    assertEquals(
        Optional.of(replica.row().getLastEpoch()),
        replica.log.epochAt(replica.row().getLastSequence()),
        "the log reaches its position, so it can serve the writes after it");
  }
}
