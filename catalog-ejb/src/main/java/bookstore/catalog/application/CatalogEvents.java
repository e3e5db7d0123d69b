package bookstore.catalog.application;

import bookstore.api.replication.CatalogUpdate;

/**
 * Tells the rest of the store about a catalog write (port; the JMS adapter is in infrastructure).
 * Called inside the write's transaction: what it sends goes out only if the write commits.
 */
public interface CatalogEvents {

  /**
   * Publishes the write on {@code catalog.updates}: the backups apply it and every front end drops
   * the cache entries it touches (one message per write).
   *
   * @param update the stamped write with the item's state after it
   */
  void written(CatalogUpdate update);
}
