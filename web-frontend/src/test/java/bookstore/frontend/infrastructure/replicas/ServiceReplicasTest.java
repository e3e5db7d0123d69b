package bookstore.frontend.infrastructure.replicas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import bookstore.platform.clients.Heartbeat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the front end's readiness learns from the heartbeats of one service's replicas. */
class ServiceReplicasTest {
  private final ServiceReplicas<String> catalog =
      new ServiceReplicas<>("catalog", List.of("http://r1", "http://r2", "http://r3"), url -> url, url -> url, 1000);

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
}
