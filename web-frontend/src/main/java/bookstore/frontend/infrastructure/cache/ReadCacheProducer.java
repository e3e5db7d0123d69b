package bookstore.frontend.infrastructure.cache;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes the one {@link ReadCache} of this front end from MicroProfile Config: {@code
 * bookstore.cache.max-entries} (items per cache, default 10,000) and {@code
 * bookstore.cache.enabled} (default true).
 */
@ApplicationScoped
public class ReadCacheProducer {
  @Inject
  @ConfigProperty(name = "bookstore.cache.max-entries")
  long maxEntries;

  @Inject
  @ConfigProperty(name = "bookstore.cache.enabled")
  boolean enabled;

  /**
   * @return the cache; a singleton without a client proxy, since ReadCache has no no-args
   *     constructor
   */
  @Produces
  @Singleton
  ReadCache readCache() {
    return new ReadCache(maxEntries, enabled);
  }
}
