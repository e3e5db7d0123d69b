package bookstore.catalog.infrastructure.messaging;

import bookstore.api.CacheInvalidation;
import bookstore.api.CatalogUpdate;
import bookstore.catalog.application.CatalogEvents;
import bookstore.replication.messaging.ReplicatedWrites;
import bookstore.replication.messaging.TopicPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Replicates catalog writes on {@code catalog.updates} and publishes their invalidations on
 * {@code cache.invalidations}, both in the write's XA transaction.
 */
@ApplicationScoped
public class JmsCatalogEvents implements CatalogEvents {
  /** Topic of replicated catalog writes. */
  public static final String UPDATES = "catalog.updates";
  /** Topic every front end's cache listens on. */
  public static final String INVALIDATIONS = "cache.invalidations";

  @Inject ReplicatedWrites replication;
  @Inject TopicPublisher publisher;

  @Override
  public void written(CatalogUpdate update) {
    replication.replicate(update.stamp(), UPDATES, update);
    publisher.publish(
        INVALIDATIONS,
        new CacheInvalidation(update.item().id(), update.item().topic(), update.stamp().sequence(), System.currentTimeMillis()));
  }
}
