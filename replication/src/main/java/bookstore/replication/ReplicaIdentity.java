package bookstore.replication;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who this node is and who its peers are: the service from its {@link ReplicatedState}, and from
 * MicroProfile Config {@code bookstore.replica.id} and {@code bookstore.replica.peers} (the base
 * URLs of every replica of the service, this one included, in id order 1..N; the start script sets
 * them as {@code BOOKSTORE_REPLICA_ID}, {@code BOOKSTORE_REPLICA_PEERS}). Who is primary right now
 * is {@link Membership}'s business.
 *
 * <p>Made eagerly when the application starts: made lazily on a health-check thread, it would read
 * its configuration without the application's own {@code microprofile-config.properties}.
 */
@ApplicationScoped
public class ReplicaIdentity {
  @Inject
  @ConfigProperty(name = "bookstore.replica.id")
  int replicaId;

  @Inject ReplicatedState state;

  /**
   * Comma-separated; read as text: Payara's config cannot inject {@code Optional<List<String>>}.
   */
  @Inject
  @ConfigProperty(name = "bookstore.replica.peers")
  Optional<String> peerList;

  void startWithTheApplication(@Observes @Initialized(ApplicationScoped.class) Object started) {
    // creating the bean is the point: see the class comment
  }

  /**
   * @return this replica's id, positive
   */
  public int replicaId() {
    return replicaId;
  }

  /**
   * @return "catalog" or "order"
   */
  public String service() {
    return state.service();
  }

  /**
   * @return the service's update topic: {@code catalog.updates} or {@code order.updates}
   */
  public String updatesTopic() {
    return service() + ".updates";
  }

  /**
   * @return this replica's durable subscription of the update topic, {@code
   *     <service>-replica-<id>}: one per replica id, so a replica that was down finds what it
   *     missed waiting there
   */
  public String subscription() {
    return service() + "-replica-" + replicaId;
  }

  /**
   * @return the base URLs of every replica of the service, by id; empty when it runs alone
   */
  public List<String> peers() {
    return peerList.stream()
        .flatMap(list -> Arrays.stream(list.split(",")))
        .map(String::trim)
        .filter(url -> !url.isEmpty())
        .toList();
  }

  /**
   * @param id a replica id of this service, 1..N
   * @return its base URL
   */
  public String urlOf(int id) {
    return peers().get(id - 1);
  }

  /**
   * @return whether this replica runs alone (no peers configured)
   */
  public boolean alone() {
    return peers().size() <= 1;
  }
}
