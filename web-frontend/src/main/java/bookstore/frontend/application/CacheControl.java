package bookstore.frontend.application;

import bookstore.frontend.infrastructure.cache.InvalidationTimes;
import bookstore.frontend.infrastructure.cache.ReadCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The admin's view and control of the front end's read cache, shared by the admin API and the admin
 * page: its figures, flush, on and off. Every change is recorded in {@link ClusterEvents}.
 */
@ApplicationScoped
public class CacheControl {
  @Inject ReadCache cache;
  @Inject InvalidationTimes invalidationTimes;
  @Inject ClusterEvents events;

  /**
   * The cache's figures since the front end started (or since the last flush, for the invalidation
   * times).
   *
   * @param enabled whether reads are served from the cache
   * @param maxEntries the bound: most lookups, and separately most searches, kept (items)
   * @param itemEntries lookups held now (items)
   * @param searchEntries searches held now (items)
   * @param hits reads answered from the cache
   * @param misses reads that went to a replica
   * @param hitRatio hits / (hits + misses), 0..1 (1 before any read)
   * @param evictions entries dropped to stay within the bound (LRU, Caffeine's W-TinyLFU)
   * @param invalidationsReceived invalidations taken in from the catalog's updates topic
   * @param staleFillsRefused fills dropped as older than an invalidation already seen (SPEC
   *     guarantee 5)
   * @param invalidations how long invalidations took from the catalog's write to leaving the cache:
   *     count and p50/p99/max ms
   */
  public record CacheState(
      boolean enabled,
      long maxEntries,
      long itemEntries,
      long searchEntries,
      long hits,
      long misses,
      double hitRatio,
      long evictions,
      long invalidationsReceived,
      long staleFillsRefused,
      InvalidationTimes.Summary invalidations) {}

  /**
   * @return the cache's figures now
   */
  public CacheState state() {
    var stats = cache.stats();
    return new CacheState(
        cache.isEnabled(),
        cache.maxEntries(),
        cache.itemEntries(),
        cache.searchEntries(),
        stats.hitCount(),
        stats.missCount(),
        stats.hitRate(),
        stats.evictionCount(),
        cache.invalidationsReceived(),
        cache.staleFillsRefused(),
        invalidationTimes.summary());
  }

  /** Drops every cached entry and the invalidation times recorded so far. */
  public void flush() {
    long entries = cache.itemEntries() + cache.searchEntries();
    cache.flush();
    invalidationTimes.reset();
    events.record(ClusterEvents.Kind.CACHE, "cache flushed (" + entries + " entries)");
  }

  /**
   * @param on whether to serve reads from the cache; off also flushes it
   */
  public void setEnabled(boolean on) {
    if (on != cache.isEnabled()) {
      cache.setEnabled(on);
      events.record(
          ClusterEvents.Kind.CACHE, "cache switched " + (on ? "on" : "off (and flushed)"));
    }
  }
}
