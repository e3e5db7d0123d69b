package bookstore.replication;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who this node is: its service and replica id, from MicroProfile Config ({@code
 * bookstore.service}, {@code bookstore.replica.id}; the start script sets them as the
 * environment variables {@code BOOKSTORE_SERVICE} and {@code BOOKSTORE_REPLICA_ID}).
 */
@ApplicationScoped
public class ReplicaIdentity {
  @Inject
  @ConfigProperty(name = "bookstore.replica.id", defaultValue = "1")
  int replicaId;

  @Inject
  @ConfigProperty(name = "bookstore.service", defaultValue = "unknown")
  String service;

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
