package bookstore.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bookstore.api.internal.Heartbeat;
import java.util.List;
import org.junit.jupiter.api.Test;

class BullyElectionTest {

  @Test
  void aNewEpochIsAboveEveryKnownOneAndInTheReplicasOwnSlot() {
    assertEquals(12, BullyElection.nextEpoch(WriteSequencer.FIRST_EPOCH, 2));
    assertEquals(23, BullyElection.nextEpoch(12, 3));
    assertEquals(21, BullyElection.nextEpoch(19, 1));
    for (long known = 1; known < 100; known++) {
      for (int id = 1; id <= 9; id++) {
        long next = BullyElection.nextEpoch(known, id);
        assertTrue(next > known, "epoch " + next + " above " + known);
        assertEquals(id, next % BullyElection.EPOCH_SLOTS, "slot of replica " + id);
      }
    }
  }

  @Test
  void twoReplicasTakingOverFromTheSameKnowledgeStartDifferentEpochs() {
    for (int a = 1; a <= 9; a++) {
      for (int b = a + 1; b <= 9; b++) {
        assertNotEquals(BullyElection.nextEpoch(41, a), BullyElection.nextEpoch(41, b));
      }
    }
  }

  @Test
  void aPrimaryIsFencedOutOnlyByAPeerInANewerEpoch() {
    Heartbeat behind = new Heartbeat(1, 3, 63, 100, 63);
    Heartbeat same = new Heartbeat(2, 3, 73, 100, 73);
    Heartbeat newer = new Heartbeat(1, 0, 81, 100, 63);
    assertEquals(0, BullyElection.newerEpoch(73, List.of()));
    assertEquals(0, BullyElection.newerEpoch(73, List.of(behind, same)));
    assertEquals(81, BullyElection.newerEpoch(73, List.of(same, newer)));
    assertEquals(
        81, BullyElection.nextEpoch(73, 1), "the stuck replica's epoch in the run that showed it");
    assertTrue(BullyElection.nextEpoch(BullyElection.newerEpoch(73, List.of(newer)), 3) > 81);
  }
}
