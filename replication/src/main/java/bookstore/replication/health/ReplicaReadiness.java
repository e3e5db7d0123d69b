package bookstore.replication.health;

import bookstore.api.internal.Heartbeat;
import bookstore.replication.Membership;
import bookstore.replication.Outbox;
import bookstore.replication.ReplicaIdentity;
import bookstore.replication.WriteSequencer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of a catalog or order replica ({@code /health/ready}): UP once its application is
 * deployed (seed data loaded), its database answers, it knows its service's primary and its outbox
 * has made its first contact with the broker (so a first write is not refused for a connection
 * still being opened), and it is caught up: it is the primary, or it has applied every write the
 * primary held when this replica first heard of it (the rule the front end uses for a replica that
 * comes back; after that it stays caught up, its lag shows in the metrics). So {@code ./bookstore
 * start} and {@code restart} return only once a replica can serve reads at the primary's state. The
 * check is named {@code bookstore-<service>} so that the start script can tell it from the empty UP
 * that Payara reports before any application is deployed.
 */
@Readiness
@ApplicationScoped
public class ReplicaReadiness implements HealthCheck {
  @Inject ReplicaIdentity identity;
  @Inject WriteSequencer sequencer;
  @Inject Membership membership;
  @Inject Outbox outbox;

  /** The primary's sequence when this replica first heard of it; -1 before. */
  private volatile long catchUpTarget = -1;

  private volatile boolean caughtUp;

  @Override
  public HealthCheckResponse call() {
    String name = "bookstore-" + identity.service();
    try {
      long sequence = sequencer.current().getLastSequence();
      return HealthCheckResponse.named(name)
          .status(membership.primaryId() != 0 && outbox.firstContactMade() && caughtUp(sequence))
          .withData("caughtUp", caughtUp)
          .withData("brokerReachable", outbox.brokerReachable())
          .withData("replicaId", identity.replicaId())
          .withData("primaryId", membership.primaryId())
          .withData("epoch", membership.epoch())
          .withData("lastSequence", sequence)
          .build();
    } catch (RuntimeException e) {
      return HealthCheckResponse.named(name).down().withData("error", String.valueOf(e)).build();
    }
  }

  /**
   * @param sequence the last sequence this replica has applied
   * @return whether it is caught up (see the class comment); once true, true for good
   */
  private boolean caughtUp(long sequence) {
    if (caughtUp) {
      return true;
    }
    if (membership.isPrimary()) {
      caughtUp = true;
      return true;
    }
    Optional<Heartbeat> primary =
        membership.primaryId() == 0
            ? Optional.empty()
            : membership.lastHeard(membership.primaryId());
    if (primary.isEmpty()) {
      return false;
    }
    if (catchUpTarget < 0) {
      catchUpTarget = primary.get().lastSequence();
    }
    caughtUp = sequence >= catchUpTarget;
    return caughtUp;
  }
}
