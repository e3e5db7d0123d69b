package bookstore.catalog.application;

import bookstore.api.CatalogUpdate;

/**
 * Tells the rest of the store about a catalog write (port; the JMS adapter is in
 * infrastructure). Called inside the write's transaction: what it sends goes out only if the
 * write commits.
 */
public interface CatalogEvents {

  /**
   * Publishes the write to the replicas ({@code catalog.updates}) and its invalidation to every
   * front end ({@code cache.invalidations}).
   *
   * @param update the stamped write with the item's state after it
   */
  void written(CatalogUpdate update);
}
