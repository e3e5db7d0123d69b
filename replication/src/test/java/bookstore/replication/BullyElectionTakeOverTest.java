package bookstore.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bookstore.api.ProblemException;
import bookstore.api.replication.WriteStamp;
import bookstore.replication.ReplicationFakes.Cluster;
import bookstore.replication.ReplicationFakes.Replica;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Pins {@link BullyElection#act()} and its takeover (the class Javadoc, SPEC "Replication"): the
 * live replica with the highest id is primary. The highest live replica that is not primary picks
 * {@link BullyElection#nextEpoch} above every epoch it heard of, asks every peer to step down to
 * it, catches up from the most advanced peer that answered, persists the epoch, follows itself and
 * sends COORDINATOR to the live peers. A lower replica does nothing; a replica that finds a peer in
 * a newer epoch gives up; one that returns far behind a live lower primary waits until it is within
 * {@code takeoverLag} writes; a primary that hears a peer in a newer epoch takes over again above
 * it.
 *
 * <p>The peers are whole in-memory replicas ({@link ReplicationFakes}) serving the real {@code
 * /replica} resource; heartbeats are taken in by {@link Cluster#heartbeats} before each act.
 */
class BullyElectionTakeOverTest {

  /**
   * Four replicas; replica 4 was primary in epoch 14 and wrote 1..5; replica 1 applied all five,
   * replica 2 up to 4, replica 3 up to 3. Then replica 4 died, and replica 3 heard the others.
   */
  private static Cluster primaryFourDied() {
    Cluster cluster = new Cluster(4, 60_000);
    cluster.primary(4, 14);
    cluster.replica(4).holds(14, 1, 5);
    cluster.replica(1).holds(14, 1, 5);
    cluster.replica(2).holds(14, 1, 4);
    cluster.replica(3).holds(14, 1, 3);
    cluster.down(4);
    cluster.heartbeats(1, 2, 3);
    return cluster;
  }

  @Test
  void theHighestLiveReplicaTakesOverInTheNextEpochOfItsSlot() {
    Cluster cluster = primaryFourDied();
    Replica three = cluster.replica(3);

    three.election.act();

    assertTrue(three.membership.isPrimary());
    assertEquals(BullyElection.nextEpoch(14, 3), three.membership.epoch());
    assertEquals(23, three.membership.epoch());
    assertEquals(23, three.applier.persistedEpoch(), "the epoch is persisted");
  }

  @Test
  void takingOverAsksEveryPeerToStepDownEvenOneThatSeemsDead() {
    Cluster cluster = primaryFourDied();

    cluster.replica(3).election.act();

    for (int id : List.of(1, 2, 4)) {
      assertTrue(
          cluster.calls(id).contains("stepDown 23"),
          "replica " + id + " asked: " + cluster.calls(id));
    }
    assertEquals(23, cluster.replica(1).applier.persistedEpoch());
    assertEquals(23, cluster.replica(2).applier.persistedEpoch());
  }

  @Test
  void takingOverCatchesUpFromTheMostAdvancedPeer() {
    Cluster cluster = primaryFourDied();
    Replica three = cluster.replica(3);

    three.election.act();

    assertEquals(5, three.applier.persistedSequence());
    assertEquals(cluster.replica(1).state.data, three.state.data);
    assertEquals(List.of(4L, 5L), three.state.appliedSequences());
    assertTrue(cluster.calls(1).contains("log 3 14 500"), cluster.calls(1).toString());
    assertTrue(
        cluster.calls(2).stream().noneMatch(c -> c.startsWith("log")), cluster.calls(2).toString());
  }

  @Test
  void takingOverAnnouncesCoordinatorToTheLivePeersOnly() {
    Cluster cluster = primaryFourDied();

    cluster.replica(3).election.act();

    assertTrue(cluster.calls(1).contains("coordinator 3 23"), cluster.calls(1).toString());
    assertTrue(cluster.calls(2).contains("coordinator 3 23"), cluster.calls(2).toString());
    assertTrue(
        cluster.calls(4).stream().noneMatch(c -> c.startsWith("coordinator")),
        cluster.calls(4).toString());
    for (int id : List.of(1, 2)) {
      assertEquals(3, cluster.replica(id).membership.primaryId(), "replica " + id + " follows");
      assertEquals(23, cluster.replica(id).membership.epoch());
    }
  }

  @Test
  void theNewPrimaryWritesInItsEpochAfterTheLastWriteItCaughtUpTo() {
    Cluster cluster = primaryFourDied();
    Replica three = cluster.replica(3);

    three.election.act();
    String written = three.write("k6", "v6");

    assertEquals(new WriteStamp(3, 23, 6), three.state.stampOf(written));
  }

  @Test
  void aReplicaTakingOverFromADeadPrimaryWaitsForAQuietSubscription() {
    Cluster cluster = primaryFourDied();
    Replica three = cluster.replica(3);
    three.election.drainQuietMs = 100;
    long start = System.nanoTime();
    three.membership.delivered();

    three.election.act();

    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    assertTrue(elapsedMs >= 100, "drained for a quiet period, took " + elapsedMs + " ms");
    assertTrue(three.membership.isPrimary());
  }

  @Test
  void aLowerReplicaDoesNotTakeOver() {
    Cluster cluster = primaryFourDied();
    Replica two = cluster.replica(2);

    two.election.act();

    assertEquals(0, two.membership.primaryId(), "it forgets the dead primary, and starts nothing");
    assertEquals(14, two.membership.epoch());
    assertEquals(14, two.applier.persistedEpoch());
    assertNoCalls(cluster, 1, 2, 3, 4);
  }

  @Test
  void aReplicaBelowALivePrimaryDoesNothing() {
    Cluster cluster = Cluster.ofThree(3, 13);
    Replica two = cluster.afterHeartbeats(2);

    two.election.act();

    assertEquals(3, two.membership.primaryId());
    assertEquals(13, two.membership.epoch());
    assertNoCalls(cluster, 1, 2, 3);
  }

  /**
   * Replica 1 started epoch 21 while replica 3 knew only epoch 1 (it heard everybody in epoch 1
   * before): replica 3's epoch 13 would be fenced by 21, so it gives up and takes in 21.
   */
  @Test
  void aReplicaThatFindsAPeerInANewerEpochGivesUp() {
    Cluster cluster = new Cluster(3, 60_000);
    for (int id = 1; id <= 3; id++) {
      cluster.replica(id).election.restore();
    }
    cluster.heartbeats(3);
    Replica one = cluster.replica(1);
    one.follows(1, 21);
    Replica three = cluster.replica(3);

    three.election.act();

    assertTrue(cluster.calls(1).contains("stepDown 13"), cluster.calls(1).toString());
    assertFalse(three.membership.isPrimary());
    assertEquals(21, three.membership.epoch(), "it takes in the newer epoch");
    assertEquals(
        WriteSequencer.FIRST_EPOCH, three.applier.persistedEpoch(), "epoch 13 is not persisted");
    for (int id = 1; id <= 2; id++) {
      assertTrue(
          cluster.calls(id).stream().noneMatch(c -> c.startsWith("coordinator")),
          cluster.calls(id).toString());
    }
    assertTrue(
        one.membership.isPrimary(), "the step-down to an older epoch did not touch replica 1");
    assertEquals(21, one.membership.epoch());
  }

  @Test
  void aReplicaThatGaveUpTakesOverAboveTheNewerEpochOnceItHearsIt() {
    Cluster cluster = new Cluster(3, 60_000);
    cluster.heartbeats(3);
    cluster.replica(1).follows(1, 21);
    Replica three = cluster.replica(3);
    three.election.act(); // gives up

    cluster.heartbeats(3);
    three.election.act();

    assertTrue(three.membership.isPrimary());
    assertEquals(33, three.membership.epoch());
    assertEquals(3, cluster.replica(1).membership.primaryId());
  }

  /**
   * Replica 3 comes back at sequence {@code at} while replica 2 is primary in epoch 22 at 50
   * (replica 1 too), and hears both.
   */
  private static Cluster replicaThreeReturnsAt(long at) {
    Cluster cluster = new Cluster(3, 60_000);
    cluster.replica(1).holds(22, 1, 50).follows(2, 22);
    cluster.replica(2).holds(22, 1, 50).follows(2, 22);
    cluster.replica(3).holds(22, 1, at);
    cluster.heartbeats(2);
    cluster.heartbeats(3);
    assertEquals(2, cluster.replica(3).membership.primaryId());
    return cluster;
  }

  @Test
  void aReturningHigherReplicaFarBehindALowerPrimaryDoesNotTakeOverYet() {
    Cluster cluster = replicaThreeReturnsAt(29); // 21 behind, the lag allows 20

    cluster.replica(3).election.act();

    assertEquals(2, cluster.replica(3).membership.primaryId());
    assertTrue(cluster.replica(2).membership.isPrimary());
    assertNoCalls(cluster, 1, 2);
  }

  @Test
  void aReturningHigherReplicaWithinTheLagOfALowerPrimaryTakesOver() {
    Cluster cluster = replicaThreeReturnsAt(30); // 20 behind
    Replica three = cluster.replica(3);
    Replica two = cluster.replica(2);
    three.election.drainQuietMs =
        3_000; // would show as a wait: the old primary answers, nothing to drain
    long start = System.nanoTime();

    three.election.act();

    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    assertTrue(three.membership.isPrimary());
    assertEquals(33, three.membership.epoch());
    assertTrue(cluster.calls(2).contains("stepDown 33"), cluster.calls(2).toString());
    assertEquals(50, three.applier.persistedSequence());
    assertEquals(two.state.data, three.state.data);
    assertEquals(3, two.membership.primaryId());
    assertThrows(
        ProblemException.class, () -> two.write("k51", "v51"), "the old primary writes no more");
    assertTrue(
        elapsedMs < 1_500,
        "no drain when the old primary told its final sequence, took " + elapsedMs + " ms");
  }

  @Test
  void aPrimaryThatHearsAPeerInANewerEpochTakesOverAboveIt() {
    Cluster cluster = Cluster.ofThree(3, 13);
    for (int id = 1; id <= 3; id++) {
      cluster.replica(id).holds(13, 1, 3);
    }
    Replica one = cluster.replica(1);
    one.applier.adoptEpoch(21); // persisted in a takeover while the cluster was being stopped
    one.membership.restored(21);
    Replica three = cluster.replica(3);
    cluster.heartbeats(3);
    assertTrue(three.membership.isPrimary());

    three.election.act();

    assertTrue(three.membership.isPrimary());
    assertEquals(33, three.membership.epoch());
    assertEquals(33, three.applier.persistedEpoch());
    assertEquals(3, one.membership.primaryId());
    assertEquals(33, one.membership.epoch());
  }

  @Test
  void aPrimaryHearingNoNewerEpochStaysAsItIs() {
    Cluster cluster = Cluster.ofThree(3, 13);
    Replica three = cluster.afterHeartbeats(3);

    three.election.act();

    assertTrue(three.membership.isPrimary());
    assertEquals(13, three.membership.epoch());
    assertNoCalls(cluster, 1, 2);
  }

  @Test
  void restoreTakesInThePersistedEpochAndALoneReplicaIsItsOwnPrimary() {
    Replica alone = new Cluster(1, 60_000).replica(1);
    alone.applier.adoptEpoch(11);
    Replica withPeers = new Cluster(3, 60_000).replica(3);
    withPeers.applier.adoptEpoch(13);

    alone.election.restore();
    withPeers.election.restore();

    assertTrue(alone.membership.isPrimary());
    assertEquals(11, alone.membership.epoch());
    assertFalse(withPeers.membership.isPrimary(), "it waits for the election");
    assertEquals(13, withPeers.membership.epoch());
  }

  /**
   * Replica 3, primary in epoch 13 until it went down, returns holding writes 5..8 of epoch 13 that
   * nobody else has; meanwhile replica 2 took over in epoch 22 from 1..4 and acknowledged 5..6
   * (replica 1 has them too). Replica 3 is not behind by sequence, so it takes over at once; it
   * must still take the newer epoch's history from the peers and drop its own tail, or the
   * acknowledged writes 5..6 of epoch 22 are lost (the backups would install its snapshot at their
   * next catch-up). Commit f1044c5 failed this (it caught up only from a peer whose last sequence
   * reached its own); comparing histories by last epoch first ({@code mostAdvanced}, {@code
   * isAheadOf}) passes it.
   */
  @Test
  void aReturningReplicaWithALongerDivergedTailTakesTheLiveHistoryWhenTakingOver() {
    Cluster cluster = new Cluster(3, 60_000);
    Replica three = cluster.replica(3).holds(13, 1, 8);
    Replica two = cluster.replica(2).holds(13, 1, 4).holds(22, 5, 6).follows(2, 22);
    Replica one = cluster.replica(1).holds(13, 1, 4).holds(22, 5, 6).follows(2, 22);
    cluster.heartbeats(3);

    three.election.act();

    assertTrue(three.membership.isPrimary());
    assertEquals(33, three.membership.epoch());
    assertEquals("v5@22", three.state.data.get("k5"), "acknowledged in epoch 22");
    assertEquals("v6@22", three.state.data.get("k6"), "acknowledged in epoch 22");
    assertEquals(two.state.data, three.state.data);

    // the backups keep them when the new primary's first write reaches them
    String next = three.write("k7", "v7@33");
    assertEquals(new WriteStamp(3, 33, 7), three.state.stampOf(next));
    assertTrue(one.applier.applyDelivered(next));
    assertEquals("v5@22", one.state.data.get("k5"));
    assertEquals(three.state.data, one.state.data);
  }

  private static void assertNoCalls(Cluster cluster, int... ids) {
    for (int id : ids) {
      assertEquals(List.of(), cluster.calls(id), "no call to replica " + id);
    }
  }

  /**
   * Three replicas with heartbeats every 50 ms (lease 100 ms); replica 3 was primary in epoch 13
   * and went silent (frozen: it still accepts connections, so nothing is refused); replica 2 heard
   * replica 1 only.
   */
  private static Cluster primaryThreeSilent() {
    Cluster cluster = new Cluster(3, 50);
    cluster.primary(3, 13);
    cluster.silent(3);
    cluster.heartbeats(1, 2);
    return cluster;
  }

  @Test
  void aTakeoverWithASilentPeerWaitsOutTheLeaseBeforeItStartsTheEpoch() {
    Cluster cluster = primaryThreeSilent();
    Replica two = cluster.replica(2);
    long started = System.nanoTime();

    two.election.act();

    long tookMs = (System.nanoTime() - started) / 1_000_000;
    assertTrue(two.membership.isPrimary(), "a majority (2 and 1) answered: it takes over");
    assertEquals(BullyElection.nextEpoch(13, 2), two.applier.persistedEpoch());
    assertTrue(
        tookMs >= two.membership.leaseMs(),
        "waited one lease ("
            + two.membership.leaseMs()
            + " ms) for the silent one, took "
            + tookMs);
  }

  @Test
  void aTakeoverWaitsOnlyForTheRestOfTheLeaseThePeersLastRenewed() {
    Cluster cluster = new Cluster(3, 50);
    cluster.primary(3, 13);
    cluster.replica(1).membership.answerTo(3); // replica 3 asked 1 for a heartbeat, then froze
    cluster.silent(3);
    Replica two = cluster.replica(2);

    two.election.act();

    assertTrue(two.membership.isPrimary());
    long waited = two.election.lastLeaseWaitMs();
    assertTrue(
        waited > 0 && waited <= two.membership.leaseMs(),
        "1 renewed 3's lease just now: the rest of it, at most one lease (" + waited + " ms)");
  }

  @Test
  void aPeerTheHeartbeatsDeclaredDeadIsAskedToStepDownWithTheShortTimeout() {
    Cluster cluster = primaryThreeSilent();
    Replica two = cluster.replica(2);

    two.election.act();

    assertEquals(List.of(3), two.peers.presumedDead, "1 answered heartbeats; 3 did not");
  }

  @Test
  void aPrimarySilentForLongerThanALeaseIsReplacedWithoutAWait() {
    Cluster cluster = new Cluster(3, 50);
    cluster.primary(3, 13);
    cluster.replica(1).membership.answerTo(3);
    cluster.replica(2).membership.answerTo(3);
    cluster.silent(3);
    Replica two = cluster.replica(2);
    // the silence itself: its peers declare a primary dead after 3 intervals, more than a lease
    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(two.membership.leaseMs() + 20));

    two.election.act();

    assertTrue(two.membership.isPrimary(), "a majority (2 and 1) answered: it takes over");
    assertEquals(0, two.election.lastLeaseWaitMs(), "every lease 1 and 2 renewed has run out");
  }

  @Test
  void aSilentPeerAndARefusedOneMakeTheTakeoverWaitAFullLease() {
    Cluster cluster = new Cluster(5, 50);
    cluster.primary(5, 15);
    cluster.silent(5);
    cluster.down(1); // it may have renewed 5's lease just before it died: when is not known
    Replica four = cluster.replica(4);

    four.election.act();

    assertTrue(four.membership.isPrimary(), "2, 3 and 4 answered: a majority of 5");
    assertTrue(
        four.election.lastLeaseWaitMs() > four.membership.leaseMs() / 2,
        "waited about one lease: " + four.election.lastLeaseWaitMs() + " ms");
  }

  @Test
  void noTakeoverWhileTheSilentPeersAreAMajority() {
    Cluster cluster = primaryThreeSilent();
    cluster.silent(1);
    Replica two = cluster.replica(2);

    two.election.act();

    assertFalse(two.membership.isPrimary(), "1 and 3 could be a primary and its lease");
    assertEquals(13, two.applier.persistedEpoch(), "no epoch started");
    assertTrue(cluster.calls(3).contains("stepDown 22"), "it asked: " + cluster.calls(3));
  }

  @Test
  void aNewPrimaryHoldsItsLeaseFromTheCoordinatorAnswers() {
    Cluster cluster = primaryThreeSilent();
    Replica two = cluster.replica(2);

    two.election.act();

    assertTrue(two.membership.holdsLease(), "replica 1 follows it: 2 of 3");
    assertTrue(two.membership.actsAsPrimary());
  }
}
