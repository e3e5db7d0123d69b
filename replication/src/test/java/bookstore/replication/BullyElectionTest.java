package bookstore.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
