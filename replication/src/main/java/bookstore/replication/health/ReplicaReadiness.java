package bookstore.replication.health;

import bookstore.replication.Membership;
import bookstore.replication.Outbox;
import bookstore.replication.ReplicaIdentity;
import bookstore.replication.WriteSequencer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of a catalog or order replica ({@code /health/ready}): UP once its application is
 * deployed (seed data loaded), its database answers, it knows its service's primary and its
 * outbox has made its first contact with the broker (so a first write is not refused for a
 * connection still being opened). The check is named {@code
 * bookstore-<service>} so that the start script can tell it from the empty UP that Payara
 * reports before any application is deployed.
 */
@Readiness
@ApplicationScoped
public class ReplicaReadiness implements HealthCheck {
  @Inject ReplicaIdentity identity;
  @Inject WriteSequencer sequencer;
  @Inject Membership membership;
  @Inject Outbox outbox;

  @Override
  public HealthCheckResponse call() {
    String name = "bookstore-" + identity.service();
    try {
      long sequence = sequencer.current().getLastSequence();
      return HealthCheckResponse.named(name)
          .status(membership.primaryId() != 0 && outbox.firstContactMade())
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
}
