package bookstore.frontend.infrastructure.replicas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bookstore.frontend.application.ClusterEvents;
import bookstore.frontend.application.ClusterEvents.Kind;
import bookstore.frontend.infrastructure.replicas.ServiceReplicas.ReplicaView;
import bookstore.platform.clients.Heartbeat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the front end's readiness learns from the heartbeats of one service's replicas. */
class ServiceReplicasTest {
  private final ClusterEvents events = new ClusterEvents();
  private final ServiceReplicas<String> catalog =
      new ServiceReplicas<>("catalog", List.of("http://r1", "http://r2", "http://r3"), url -> url, url -> url, 1000, events);

  @Test
  void beforeAnyHeartbeatNoPrimaryIsKnown() {
    assertEquals(Optional.of("no catalog primary heard yet"), catalog.missing());
  }

  @Test
  void aBackupAloneIsNotEnough() {
    catalog.heard(1, new Heartbeat(1, 0, 4, 10, 4));
    assertEquals(Optional.of("no catalog primary heard yet"), catalog.missing());
  }

  @Test
  void aLivePrimaryThatAnswersServes() {
    catalog.heard(1, new Heartbeat(1, 3, 4, 10, 4));
    catalog.heard(3, new Heartbeat(3, 3, 4, 10, 4));
    assertEquals(Optional.empty(), catalog.missing());
  }

  @Test
  void aPrimaryThatMissedItsHeartbeatsNoLongerCounts() {
    catalog.heard(3, new Heartbeat(3, 3, 4, 10, 4));
    catalog.heard(3, null);
    assertEquals(Optional.of("no catalog primary heard yet"), catalog.missing());
  }

  @Test
  void aFailoverIsRecordedAsADownAndANewPrimary() {
    catalog.heard(2, new Heartbeat(2, 3, 4, 10, 4));
    catalog.heard(3, new Heartbeat(3, 3, 4, 10, 4));
    catalog.heard(3, null);
    catalog.heard(2, new Heartbeat(2, 2, 5, 10, 4));

    List<ClusterEvents.Event> recent = events.recent();
    assertEquals(List.of(Kind.PRIMARY, Kind.DOWN, Kind.PRIMARY), recent.stream().map(ClusterEvents.Event::kind).toList());
    assertEquals("catalog-2 is primary in epoch 5 (was catalog-3 in epoch 4)", recent.get(0).text());
    ReplicaView down = catalog.view().get(2);
    assertEquals("dead", down.state());
    assertTrue(down.downSinceMs() > 0, "a dead replica says since when");
  }

  @Test
  void aBackupBehindThePrimaryShowsItsLagInWrites() {
    catalog.heard(3, new Heartbeat(3, 3, 4, 25, 4));
    catalog.heard(1, new Heartbeat(1, 3, 4, 21, 4));

    ReplicaView backup = catalog.view().get(0);
    assertEquals(4, backup.lagWrites());
    assertEquals(0, catalog.view().get(2).lagWrites(), "the primary lags no one");
  }

  @Test
  void aReplicaThatComesBackIsCaughtUpOnceAtThePrimarysSequence() {
    catalog.heard(3, new Heartbeat(3, 3, 4, 25, 4));
    catalog.heard(1, null);
    catalog.heard(1, new Heartbeat(1, 3, 4, 20, 4));
    assertEquals("catching up", catalog.view().get(0).state());
    catalog.heard(1, new Heartbeat(1, 3, 4, 25, 4));

    assertEquals("alive", catalog.view().get(0).state());
    assertEquals(Kind.CAUGHT_UP, events.recent().get(0).kind());
  }
}
