package bookstore.replication;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bookstore.api.internal.Heartbeat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * When the catch-up timer asks the primary ({@link CatchUpTimer#needsCatchUp}): only when the topic
 * cannot be what brings this backup level, never for writes the topic is delivering.
 */
class CatchUpTimerTest {
  private final CatchUpTimer timer = new CatchUpTimer();

  CatchUpTimerTest() {
    timer.intervalMs = 1000;
  }

  private static Optional<Heartbeat> primaryAt(long sequence, long epoch) {
    return Optional.of(new Heartbeat(3, 3, epoch, sequence, epoch));
  }

  @Test
  void aBackupLevelWithThePrimaryAsksNothing() {
    assertFalse(timer.needsCatchUp(new ReplicaState(13, 40, 13), primaryAt(40, 13), 60_000));
  }

  @Test
  void aBackupAtTheSameSequenceInAnotherEpochProbesItsHistory() {
    assertTrue(timer.needsCatchUp(new ReplicaState(23, 40, 13), primaryAt(40, 23), 0));
  }

  @Test
  void aBackupBehindWhileTheTopicDeliversWaitsForTheTopic() {
    assertFalse(timer.needsCatchUp(new ReplicaState(13, 35, 13), primaryAt(40, 13), 300));
  }

  @Test
  void aBackupBehindWithAQuietTopicAsksThePrimary() {
    assertTrue(timer.needsCatchUp(new ReplicaState(13, 35, 13), primaryAt(40, 13), 2_500));
  }

  @Test
  void aBackupAheadOfThePrimaryWithAQuietTopicAsksThePrimary() {
    assertTrue(
        timer.needsCatchUp(new ReplicaState(13, 45, 13), primaryAt(40, 23), 5_000),
        "a diverged longer tail");
  }

  @Test
  void aBackupThatHasNotHeardThePrimaryAsks() {
    assertTrue(timer.needsCatchUp(new ReplicaState(13, 0, 0), Optional.empty(), 0));
  }
}
