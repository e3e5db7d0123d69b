package bookstore.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import bookstore.api.ProblemException;
import bookstore.platform.clients.ReplicaApi.Coordinator;
import bookstore.replication.ReplicationFakes.Cluster;
import bookstore.replication.ReplicationFakes.Replica;
import org.junit.jupiter.api.Test;

/**
 * A replica refuses election messages no peer could send: an epoch far beyond any it knows (one
 * near {@code Long.MAX_VALUE} would make the next election overflow), a coordinator that is not a
 * replica of the service. It answers 400 and changes nothing.
 */
class ImplausibleAnnouncementsTest {
  private static Cluster primaryThreeInEpoch23() {
    Cluster cluster = Cluster.ofThree(3, 23);
    cluster.heartbeats(1, 2, 3);
    return cluster;
  }

  @Test
  void aStepDownToAWildEpochIsRefusedAndThePrimaryStays() {
    Cluster cluster = primaryThreeInEpoch23();
    Replica three = cluster.replica(3);

    ProblemException refused =
        assertThrows(ProblemException.class, () -> three.api.stepDown(Long.MAX_VALUE - 5));

    assertEquals(400, refused.problem().status());
    assertEquals(23, three.membership.epoch());
    assertEquals(3, three.membership.primaryId());
  }

  @Test
  void aCoordinatorThatIsNoReplicaOrInAWildEpochIsRefused() {
    Cluster cluster = primaryThreeInEpoch23();
    Replica one = cluster.replica(1);

    assertThrows(ProblemException.class, () -> one.api.coordinator(new Coordinator(99, 33)));
    assertThrows(
        ProblemException.class, () -> one.api.coordinator(new Coordinator(2, 23 + 10_000_000)));
    assertThrows(ProblemException.class, () -> one.api.coordinator(new Coordinator(2, 0)));

    assertEquals(3, one.membership.primaryId(), "it still follows replica 3");
    assertEquals(23, one.membership.epoch());
    assertFalse(one.membership.isPrimary());
  }

  @Test
  void theNextElectionsEpochIsAccepted() {
    Cluster cluster = primaryThreeInEpoch23();
    Replica one = cluster.replica(1);

    one.api.coordinator(new Coordinator(2, BullyElection.nextEpoch(23, 2)));

    assertEquals(2, one.membership.primaryId());
    assertEquals(32, one.membership.epoch());
  }
}
