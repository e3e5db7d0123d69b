package bookstore.replication.metrics;

import bookstore.api.internal.Heartbeat;
import bookstore.replication.BullyElection;
import bookstore.replication.Membership;
import bookstore.replication.ReplicaApplier;
import bookstore.replication.ReplicaIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.function.Function;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * A replica's MicroProfile Metrics, read at {@code /metrics} (admin only), each tagged with the
 * service and replica id: its role and epoch, the last sequence it applied, how many writes it is
 * behind the primary's last heartbeat, and the elections it started and won. The outbox's publish
 * time is timed where it happens ({@code bookstore.outbox.publish}, {@link
 * bookstore.replication.messaging.OutboxPublisher}).
 */
@ApplicationScoped
public class ReplicationMetrics {
  @Inject MetricRegistry registry;
  @Inject ReplicaIdentity identity;
  @Inject Membership membership;
  @Inject ReplicaApplier applier;
  @Inject BullyElection election;

  void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
    gauge(
        "bookstore.replica.primary",
        "1 while this replica is its service's primary, else 0",
        r -> r.membership.isPrimary() ? 1 : 0);
    gauge(
        "bookstore.replica.epoch",
        "the highest epoch this replica knows",
        r -> r.membership.epoch());
    gauge(
        "bookstore.replica.last.sequence",
        "sequence number of the last write this replica applied",
        r -> r.applier.persistedSequence());
    gauge(
        "bookstore.replication.lag.writes",
        "writes this replica is behind its primary's last heartbeat (0 on the primary)",
        ReplicationMetrics::lagWrites);
    gauge(
        "bookstore.elections.started",
        "elections this replica started (takeovers tried) since it started",
        r -> r.election.electionsStarted());
    gauge(
        "bookstore.elections.won",
        "elections this replica won (it became primary) since it started",
        r -> r.election.electionsWon());
  }

  private long lagWrites() {
    int primary = membership.primaryId();
    if (primary == 0 || primary == identity.replicaId()) {
      return 0;
    }
    long primaryAt = membership.lastHeard(primary).map(Heartbeat::lastSequence).orElse(0L);
    return Math.max(0, primaryAt - applier.persistedSequence());
  }

  private void gauge(String name, String description, Function<ReplicationMetrics, Number> figure) {
    registry.gauge(
        Metadata.builder().withName(name).withDescription(description).build(),
        this,
        figure,
        new Tag("service", identity.service()),
        new Tag("replica", String.valueOf(identity.replicaId())));
  }
}
