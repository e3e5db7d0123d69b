package bookstore.replication;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who this node is: its service and replica id, from MicroProfile Config ({@code
 * bookstore.service}, {@code bookstore.replica.id}; the start script sets them as the
 * environment variables {@code BOOKSTORE_SERVICE} and {@code BOOKSTORE_REPLICA_ID}).
 *
 * <p>Made eagerly when the application starts: made lazily on a health-check thread, it would
 * read its configuration without the application's own {@code microprofile-config.properties}.
 */
@ApplicationScoped
public class ReplicaIdentity {
  @Inject
  @ConfigProperty(name = "bookstore.replica.id", defaultValue = "1")
  int replicaId;

  @Inject
  @ConfigProperty(name = "bookstore.service", defaultValue = "unknown")
  String service;

  void startWithTheApplication(@Observes @Initialized(ApplicationScoped.class) Object started) {
    // creating the bean is the point: see the class comment
  }

  /** @return this replica's id, positive; the highest live id is primary (SPEC "Replication") */
  public int replicaId() {
    return replicaId;
  }

  /** @return "catalog" or "order" */
  public String service() {
    return service;
  }

  /**
   * Until elections arrive every replica started alone is the primary of its service.
   *
   * @return "PRIMARY" or "BACKUP"
   */
  public String role() {
    return "PRIMARY";
  }
}
