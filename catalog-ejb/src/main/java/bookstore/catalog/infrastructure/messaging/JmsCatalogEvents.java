package bookstore.catalog.infrastructure.messaging;

import bookstore.api.replication.CatalogUpdate;
import bookstore.catalog.application.CatalogEvents;
import bookstore.replication.messaging.ReplicatedWrites;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Replicates catalog writes on {@code catalog.updates} through the primary's outbox. The same
 * message is every front end's cache invalidation: one message per write.
 */
@ApplicationScoped
public class JmsCatalogEvents implements CatalogEvents {
  @Inject ReplicatedWrites replication;

  @Override
  public void written(CatalogUpdate update) {
    replication.replicate(update.stamp(), update);
  }
}
