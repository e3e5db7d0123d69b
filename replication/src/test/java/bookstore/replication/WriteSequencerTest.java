package bookstore.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import bookstore.api.ProblemException;
import bookstore.api.ProblemTypes;
import bookstore.api.replication.WriteStamp;
import bookstore.replication.ReplicationFakes.Cluster;
import bookstore.replication.ReplicationFakes.Replica;
import org.junit.jupiter.api.Test;

/**
 * Pins how a write gets its stamp ({@link WriteSequencer} and {@link ReplicaState} Javadoc, SPEC
 * "Replication"): consecutive, gapless sequence numbers in the epoch the replica holds, sequenced
 * by this replica; an epoch change never restarts the sequence and never lowers the epoch; an
 * applied write or snapshot sets the position exactly. {@link WriteSequencer#lockForWrite()} lets
 * only a primary that holds its epoch and its lease write.
 */
class WriteSequencerTest {

  /** Replica 2 of 3, primary in epoch 12, having heard replica 3 (its lease). */
  private static Replica primaryOfThree() {
    return Cluster.ofThree(2, 12).afterHeartbeats(2);
  }

  @Test
  void stampsAreConsecutiveInTheCurrentEpochAndCarryThisReplica() {
    Replica primary = primaryOfThree();

    WriteStamp first = primary.sequencer.stamp(primary.sequencer.lockForWrite());
    WriteStamp second = primary.sequencer.stamp(primary.sequencer.lockForWrite());
    WriteStamp third = primary.sequencer.stamp(primary.sequencer.lockForWrite());

    assertEquals(new WriteStamp(2, 12, 1), first);
    assertEquals(new WriteStamp(2, 12, 2), second);
    assertEquals(new WriteStamp(2, 12, 3), third);
    assertEquals(3, primary.row().getLastSequence());
    assertEquals(12, primary.row().getLastEpoch());
  }

  @Test
  void aNewEpochContinuesTheSequence() {
    ReplicaState row = new ReplicaState(WriteSequencer.FIRST_EPOCH);
    row.advance();
    row.advance();

    row.adopt(12);

    assertEquals(
        WriteSequencer.FIRST_EPOCH,
        row.getLastEpoch(),
        "the last write's epoch until the next write");
    assertEquals(3, row.advance());
    assertEquals(12, row.getLastEpoch());
    assertEquals(12, row.getEpoch());
  }

  @Test
  void adoptNeverLowersTheEpoch() {
    ReplicaState row = new ReplicaState(WriteSequencer.FIRST_EPOCH);

    row.adopt(23);
    row.adopt(12);

    assertEquals(23, row.getEpoch());
  }

  @Test
  void anAppliedWriteSetsThePositionAndNeverLowersTheEpoch() {
    ReplicaState row = new ReplicaState(WriteSequencer.FIRST_EPOCH);
    row.adopt(23);

    row.appliedUpTo(new WriteStamp(1, 21, 7));

    assertEquals(7, row.getLastSequence());
    assertEquals(21, row.getLastEpoch());
    assertEquals(23, row.getEpoch());
    assertEquals(8, row.advance(), "a stamp after it continues from it");
    assertEquals(23, row.getLastEpoch());
  }

  @Test
  void anAppliedWriteOfANewerEpochRaisesTheEpoch() {
    ReplicaState row = new ReplicaState(WriteSequencer.FIRST_EPOCH);

    row.appliedUpTo(new WriteStamp(2, 22, 1));

    assertEquals(22, row.getEpoch());
  }

  @Test
  void aSnapshotBehindThePositionMovesItBack() {
    ReplicaState row = new ReplicaState(WriteSequencer.FIRST_EPOCH);
    row.appliedUpTo(new WriteStamp(1, 11, 6)); // a diverged tail of epoch 11

    row.appliedUpTo(new WriteStamp(0, 22, 4)); // the new primary's snapshot

    assertEquals(4, row.getLastSequence());
    assertEquals(22, row.getLastEpoch());
    assertEquals(22, row.getEpoch());
  }

  @Test
  void aBackupRefusesToSequenceAWrite() {
    Replica backup = Cluster.ofThree(2, 12).afterHeartbeats(1);

    assertNoPrimary(() -> backup.sequencer.lockForWrite());
    assertEquals(0, backup.row().getLastSequence());
  }

  @Test
  void aPrimaryThatSteppedDownRefusesToSequenceAWrite() {
    Replica primary = primaryOfThree();

    primary.api.stepDown(23);

    assertNoPrimary(() -> primary.sequencer.lockForWrite());
  }

  @Test
  void aPrimaryWhoseKnownEpochMovedOnRefusesToSequenceAWrite() {
    Replica primary = primaryOfThree();

    primary.membership.restored(21); // still takes itself for primary, but epoch 12 is over

    assertNoPrimary(() -> primary.sequencer.lockForWrite());
  }

  @Test
  void aPrimaryWithoutItsLeaseRefusesToSequenceAWrite() {
    Replica primary = primaryOfThree();

    primary.membership.refused(1);
    primary.membership.refused(3);

    assertNoPrimary(() -> primary.sequencer.lockForWrite());
  }

  @Test
  void aPrimaryAloneSequencesWithoutHearingAnybody() {
    Replica alone = new Cluster(1, 60_000).replica(1);
    alone.election.restore();

    assertEquals(
        new WriteStamp(1, WriteSequencer.FIRST_EPOCH, 1),
        alone.sequencer.stamp(alone.sequencer.lockForWrite()));
  }

  private static void assertNoPrimary(Runnable lock) {
    ProblemException refused = assertThrows(ProblemException.class, lock::run);
    assertEquals(503, refused.problem().status());
    assertEquals(ProblemTypes.NO_PRIMARY, refused.problem().type());
  }
}
