package bookstore.replication;

import bookstore.api.ProblemTypes;
import bookstore.api.internal.Heartbeat;
import bookstore.platform.clients.ReplicaApi;
import bookstore.platform.clients.RestClients;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * REST clients to the other replicas of this service, one per (API, replica), made on first use:
 * the {@code /replica} API of any peer, and the service's own API on the primary for forwarding
 * writes that reach a backup.
 */
@ApplicationScoped
public class PeerClients {
  @Inject ReplicaIdentity identity;
  @Inject Membership membership;

  private final Map<String, Object> clients = new ConcurrentHashMap<>();

  /**
   * @param id a peer's id
   * @return its replica API
   */
  public ReplicaApi replica(int id) {
    return client(id, ReplicaApi.class);
  }

  /**
   * A client for the calls that must not wait on a silent replica: the election's step-down and
   * coordinator, and the question a catch-up asks before it locks anything. Its read timeout is one
   * lease ({@link Membership#leaseMs()}, default 2,000 ms). A replica that does not answer within
   * it counts as silent, which is safe (the takeover then waits out the lease, see {@link
   * BullyElection}, and that wait runs anyway) and keeps a frozen replica, which still accepts
   * connections, from holding anything up for the whole default timeout.
   *
   * @param id a peer's id
   * @return its replica API, with the short read timeout
   */
  public ReplicaApi replicaBriefly(int id) {
    String url = identity.urlOf(id);
    return ReplicaApi.class.cast(
        clients.computeIfAbsent(
            "briefly " + url, k -> RestClients.build(url, ReplicaApi.class, membership.leaseMs())));
  }

  /**
   * A client for the step-down an election asks of a peer that its heartbeats already declare dead
   * (a frozen or cut-off primary, usually): its read timeout is a quarter of a heartbeat interval
   * (at least 100 ms; 250 ms by default), not a lease. A dead process refuses at once; a frozen one
   * accepts the connection and says nothing, and waiting a whole lease for that silence only
   * delayed the takeover. A live but slow peer that misses this timeout counts as silent, which is
   * safe: the takeover then waits until the leases the answering peers granted have run out ({@link
   * BullyElection}).
   *
   * @param id a peer's id
   * @return its replica API, with the very short read timeout
   */
  public ReplicaApi replicaPresumedDead(int id) {
    String url = identity.urlOf(id);
    return ReplicaApi.class.cast(
        clients.computeIfAbsent(
            "presumed dead " + url,
            k ->
                RestClients.build(
                    url, ReplicaApi.class, Math.max(100, membership.intervalMs() / 4))));
  }

  /**
   * @param id a peer's id
   * @return its heartbeat, or empty when it does not answer within one lease ({@link
   *     #replicaBriefly})
   */
  public Optional<Heartbeat> heartbeatBriefly(int id) {
    try {
      return Optional.of(replicaBriefly(id).heartbeat());
    } catch (RuntimeException silent) {
      return Optional.empty();
    }
  }

  /**
   * @return the primary's replica API, or empty when this replica is the primary or none is known
   */
  public Optional<ReplicaApi> primaryReplica() {
    int primary = membership.primaryId();
    return primary == 0 || primary == identity.replicaId()
        ? Optional.empty()
        : Optional.of(replica(primary));
  }

  /**
   * Where a write that reached this replica goes.
   *
   * @param <T> the client interface's type
   * @param api a JAX-RS client interface the primary serves, e.g. {@code CatalogApi}
   * @return a client of it on the primary, or empty when this replica is the primary
   * @throws bookstore.api.ProblemException 503 {@code urn:bookstore:no-primary} while no primary is
   *     known
   */
  public <T> Optional<T> forward(Class<T> api) {
    int primary = membership.primaryId();
    if (primary == identity.replicaId()) {
      return Optional.empty();
    }
    if (primary == 0) {
      throw ProblemTypes.noPrimary(
          "no " + identity.service() + " primary is known; an election is under way");
    }
    return Optional.of(client(primary, api));
  }

  private <T> T client(int id, Class<T> api) {
    String url = identity.urlOf(id);
    return api.cast(
        clients.computeIfAbsent(api.getName() + " " + url, k -> RestClients.build(url, api)));
  }
}
