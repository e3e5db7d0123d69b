package bookstore.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bookstore.api.internal.Heartbeat;
import bookstore.api.internal.StepDownAnswer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Pins {@link Membership} (its class and method Javadoc, SPEC "Replication"): a peer is alive while
 * it answered a heartbeat within {@code misses} intervals, and dead at once when its port refuses;
 * following a primary never lowers the epoch; stepping down to a newer epoch forgets the primary; a
 * primary holds its lease while a majority of its service (itself included) followed it, in its
 * epoch, in answers to heartbeats asked within {@code misses - 1} intervals, or runs alone.
 *
 * <p>This is replica 2 of 3 (unless a test says otherwise), with 3 misses allowed.
 */
class MembershipTest {
  private static final long SHORT_INTERVAL_MS = 50;

  /**
   * @return replica {@code id}'s membership in a service of {@code replicas}, heartbeats every
   *     {@code intervalMs}
   */
  private static Membership membership(int id, int replicas, long intervalMs) {
    ReplicaIdentity identity = new ReplicaIdentity();
    identity.replicaId = id;
    identity.state = new ReplicationFakes.MemoryState();
    identity.peerList =
        replicas == 0
            ? Optional.empty()
            : Optional.of(
                String.join(
                    ",",
                    IntStream.rangeClosed(1, replicas).mapToObj(i -> "http://r" + i).toList()));
    Membership membership = new Membership();
    membership.identity = identity;
    membership.intervalMs = intervalMs;
    membership.misses = 3;
    return membership;
  }

  private static Membership replicaTwoOfThree() {
    return membership(2, 3, 60_000);
  }

  /**
   * @return replica 2 of 3, following {@code primary} in {@code epoch}
   */
  private static Membership replicaTwoFollowing(int primary, long epoch) {
    Membership m = replicaTwoOfThree();
    m.follow(primary, epoch);
    return m;
  }

  /** Asserts that {@code m} follows {@code primaryId} (0: none) in {@code epoch}. */
  private static void assertFollows(Membership m, int primaryId, long epoch) {
    assertEquals(primaryId, m.primaryId(), "primary");
    assertEquals(epoch, m.epoch(), "epoch");
  }

  private static Heartbeat backup(int id, int primaryId, long epoch) {
    return new Heartbeat(id, primaryId, epoch, 0, 0);
  }

  private static Heartbeat primary(int id, long epoch) {
    return new Heartbeat(id, id, epoch, 0, 0);
  }

  /** Polls until {@code condition} holds or one second passed. @return whether it held */
  private static boolean within1s(BooleanSupplier condition) {
    long deadline = System.nanoTime() + 1_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      LockSupport.parkNanos(1_000_000);
    }
    return true;
  }

  @Test
  void thisReplicaIsAlwaysAliveAndNoPeerUntilHeard() {
    Membership m = replicaTwoOfThree();

    assertTrue(m.alive(2));
    assertFalse(m.alive(1));
    assertFalse(m.alive(3));
    assertEquals(List.of(2), m.aliveIds());
    assertEquals(Optional.empty(), m.lastHeard(1));
  }

  @Test
  void aPeerHeardIsAliveListedAndItsHeartbeatKept() {
    Membership m = replicaTwoOfThree();
    Heartbeat heard = new Heartbeat(3, 0, 12, 40, 12);

    m.heard(heard);

    assertTrue(m.alive(3));
    assertFalse(m.alive(1));
    assertEquals(List.of(2, 3), m.aliveIds());
    assertEquals(Optional.of(heard), m.lastHeard(3));
  }

  @Test
  void aPeerIsDeadAfterMissesIntervalsWithoutAnAnswer() {
    Membership m = membership(2, 3, SHORT_INTERVAL_MS);
    long start = System.nanoTime();
    m.heard(backup(1, 0, 1));
    assertTrue(m.alive(1));

    assertTrue(within1s(() -> !m.alive(1)), "declared dead in the end");

    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    assertTrue(
        elapsedMs >= 3 * SHORT_INTERVAL_MS,
        "alive for 3 intervals, dead after " + elapsedMs + " ms");
    assertEquals(List.of(2), m.aliveIds());
    assertEquals(Optional.empty(), m.lastHeard(1));
  }

  @Test
  void aRefusedConnectionMarksAPeerDeadAtOnce() {
    Membership m = replicaTwoOfThree();
    m.heard(backup(1, 0, 1));
    m.heard(backup(3, 0, 1));

    m.refused(3);

    assertFalse(m.alive(3));
    assertTrue(m.alive(1));
    assertEquals(List.of(1, 2), m.aliveIds());
    assertEquals(Optional.empty(), m.lastHeard(3));
  }

  @Test
  void hearingAPrimaryInTheKnownEpochOrANewerOneFollowsIt() {
    Membership m = replicaTwoFollowing(1, 11);

    m.heard(primary(3, 13));
    assertFollows(m, 3, 13);

    m.primaryLost(); // missed heartbeats, then answers again in the same epoch
    m.heard(primary(3, 13));
    assertEquals(3, m.primaryId());
  }

  @Test
  void hearingAPrimaryOfAnOlderEpochOrABackupChangesNothing() {
    Membership m = replicaTwoFollowing(3, 13);

    m.heard(primary(1, 11));
    m.heard(backup(1, 3, 21)); // a newer epoch, but from a backup: no claim to follow

    assertFollows(m, 3, 13);
  }

  @Test
  void followNeverLowersTheEpoch() {
    Membership m = replicaTwoFollowing(3, 23);

    m.follow(1, 21);

    assertFollows(m, 3, 23);
    assertFalse(m.isPrimary());
  }

  @Test
  void stepDownToANewerEpochForgetsThePrimary() {
    Membership m = replicaTwoFollowing(2, 12);
    assertTrue(m.isPrimary());

    m.stepDown(23);

    assertFollows(m, 0, 23);
    assertFalse(m.isPrimary());
  }

  @Test
  void onlyAnAnswerToThePrimaryItNamesRenewsItsLease() {
    Membership m = replicaTwoFollowing(3, 13);
    assertEquals(StepDownAnswer.NEVER, m.leaseGrantedMsAgo(), "nothing answered yet");

    assertEquals(3, m.answerTo(0), "the front end's heartbeat names the primary");
    assertEquals(3, m.answerTo(1), "a backup's too");
    assertEquals(StepDownAnswer.NEVER, m.leaseGrantedMsAgo(), "neither renews replica 3's lease");

    m.answerTo(3);
    long ago = m.leaseGrantedMsAgo();
    assertTrue(ago >= 0 && ago < 1_000, "the primary's own question renewed it: " + ago);
  }

  @Test
  void anAnswerToAnUnknownCallerCountsAsARenewalToBeSafe() {
    Membership m = replicaTwoFollowing(3, 13);

    m.answerTo(null);

    assertTrue(m.leaseGrantedMsAgo() >= 0, "the caller might have been the primary");
  }

  @Test
  void noAnswerRenewsALeaseAfterAStepDownNorNamesThePrimaryItLeft() {
    Membership m = replicaTwoFollowing(3, 13);
    m.stepDown(22);

    assertEquals(0, m.answerTo(3), "the old primary hears it follows no one");
    assertEquals(0, m.answerTo(null));
    assertEquals(StepDownAnswer.NEVER, m.leaseGrantedMsAgo(), "no renewal after the step-down");
  }

  @Test
  void aPrimarysAnswersNamingItselfRenewNoLease() {
    Membership m = replicaTwoFollowing(2, 12);

    assertEquals(2, m.answerTo(null));
    assertEquals(2, m.answerTo(3));
    assertEquals(StepDownAnswer.NEVER, m.leaseGrantedMsAgo());
  }

  @Test
  void stepDownToAnEpochNotAboveTheKnownOneChangesNothing() {
    Membership m = replicaTwoFollowing(3, 23);

    m.stepDown(23);
    m.stepDown(12);

    assertFollows(m, 3, 23);
  }

  @Test
  void aLostPrimaryIsForgottenButItsEpochKept() {
    Membership m = replicaTwoFollowing(3, 13);

    m.primaryLost();

    assertFollows(m, 0, 13);
  }

  @Test
  void restoredNeverLowersTheEpoch() {
    Membership m = replicaTwoOfThree();
    m.restored(12);
    m.restored(1);

    assertEquals(12, m.epoch());
  }

  @Test
  void aReplicaAloneHoldsTheLease() {
    assertTrue(membership(1, 0, SHORT_INTERVAL_MS).holdsLease(), "no peers configured");
    assertTrue(membership(1, 1, SHORT_INTERVAL_MS).holdsLease(), "itself the only peer");
  }

  @Test
  void ofThreeReplicasThePrimaryNeedsToHaveHeardOneOther() {
    Membership m = replicaTwoFollowing(2, 12);
    assertFalse(m.holdsLease(), "itself alone is no majority of 3");

    m.heard(backup(3, 2, 12));

    assertTrue(m.holdsLease());
  }

  @Test
  void ofFiveReplicasThePrimaryNeedsToHaveHeardTwoOthers() {
    Membership m = membership(5, 5, 60_000);
    m.follow(5, 15);
    m.heard(backup(1, 5, 15));
    assertFalse(m.holdsLease());

    m.heard(backup(2, 5, 15));

    assertTrue(m.holdsLease());
  }

  @Test
  void aPeerThatRefusedCountsNoLongerForTheLease() {
    Membership m = replicaTwoFollowing(2, 12);
    m.heard(backup(3, 2, 12));

    m.refused(3);

    assertFalse(m.holdsLease());
  }

  /**
   * The lease is {@code misses - 1} intervals: shorter than the {@code misses} after which the
   * peers declare the primary dead, so a cut-off primary stops acknowledging writes while it still
   * counts as alive. A 100 ms interval leaves a 100 ms window to observe that.
   */
  @Test
  void theLeaseRunsOutBeforeThePeerIsDeclaredDead() {
    long intervalMs = 100;
    Membership m = membership(2, 3, intervalMs);
    m.follow(2, 12);
    long start = System.nanoTime();
    m.heard(backup(3, 2, 12));
    assertTrue(m.holdsLease());

    assertTrue(within1s(() -> !m.holdsLease()), "the lease runs out");
    boolean stillAlive = m.alive(3);

    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    assertTrue(
        elapsedMs >= 2 * intervalMs,
        "held for misses - 1 intervals, lost after " + elapsedMs + " ms");
    assertTrue(stillAlive, "the peer is not yet dead when the lease runs out");
  }

  @Test
  void onlyAPeerFollowingThisPrimaryInItsEpochGrantsTheLease() {
    Membership m = replicaTwoFollowing(2, 12);

    m.heard(backup(3, 0, 12)); // declared this primary dead: an election is under way
    assertFalse(m.holdsLease(), "a peer that follows no primary");
    m.heard(backup(3, 1, 12));
    assertFalse(m.holdsLease(), "a peer that follows another replica");
    m.heard(backup(3, 2, 23));
    assertFalse(m.holdsLease(), "a peer that stepped down to a newer epoch");
    m.heard(backup(1, 2, 12));
    assertTrue(m.holdsLease(), "a peer that follows this primary in its epoch");
    assertFalse(m.actsAsPrimary() && !m.isPrimary(), "acts as primary only as the primary");
    assertTrue(m.actsAsPrimary());
  }

  /**
   * A process frozen with SIGSTOP receives, when it resumes, the answers to heartbeats it asked
   * before the freeze: they prove only that the peer followed it back then.
   */
  @Test
  void aLateAnswerCountsFromWhenItsHeartbeatWasAsked() {
    long intervalMs = 100;
    Membership m = membership(2, 3, intervalMs);
    m.follow(2, 12);

    m.heard(backup(3, 2, 12), System.nanoTime() - 5 * intervalMs * 1_000_000);

    assertTrue(m.alive(3), "the peer answered just now: it is alive");
    assertFalse(m.holdsLease(), "but its grant is as old as the question");
    assertFalse(m.actsAsPrimary());
    assertEquals(2 * intervalMs, m.leaseMs(), "misses - 1 intervals");
  }
}
