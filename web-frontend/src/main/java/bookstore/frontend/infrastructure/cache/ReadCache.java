package bookstore.frontend.infrastructure.cache;

import bookstore.api.internal.ItemRead;
import bookstore.api.internal.SearchRead;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The front end's cache of lookups (by item id) and searches (by topic), bounded in entries and
 * evicting by Caffeine's frequency-aware LRU (W-TinyLFU). Lookups by title (the toy store's product
 * names) go through the lookup entries: a title is mapped to its item id once, since no write
 * changes an item's title or takes an item away, and the item is then served and invalidated like
 * any lookup by id.
 *
 * <p>Every entry carries the catalog sequence number it was read at. An invalidation records the
 * sequence of the write that caused it, per item and per topic, and drops the entry; a later fill
 * read at a lower sequence is refused, because it may hold the state from before that write (SPEC
 * guarantee 5: this closes the race where a slow read fills the cache after the invalidation of a
 * newer write). The check and the put happen in one atomic step per key, so an invalidation cannot
 * slip between them.
 */
public class ReadCache {
  private final long maxEntries;
  private final Cache<Integer, Filled<ItemRead>> items;
  private final Cache<String, Filled<SearchRead>> searches;
  private final Cache<String, Integer> titleIds;
  private final ConcurrentMap<Integer, Long> itemInvalidatedAt = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Long> topicInvalidatedAt = new ConcurrentHashMap<>();
  private final LongAdder staleFillsRefused = new LongAdder();
  private final LongAdder invalidations = new LongAdder();
  private volatile boolean enabled;

  /** A cached read and when it was stored (ms since the epoch). */
  private record Filled<V>(V read, long sequence, long atMs) {}

  /**
   * One cache entry, for the admin page.
   *
   * @param key {@code item N} for a lookup, {@code topic T} for a search
   * @param ageMs how long ago it was filled, ms
   * @param sequence the catalog sequence number it was read at
   */
  public record EntryView(String key, long ageMs, long sequence) {}

  /**
   * @param maxEntries the most lookups, and separately the most searches, kept (items)
   * @param enabled whether reads are served from the cache at first
   */
  public ReadCache(long maxEntries, boolean enabled) {
    this.maxEntries = maxEntries;
    this.items = Caffeine.newBuilder().maximumSize(maxEntries).recordStats().build();
    this.searches = Caffeine.newBuilder().maximumSize(maxEntries).recordStats().build();
    this.titleIds = Caffeine.newBuilder().maximumSize(maxEntries).build();
    this.enabled = enabled;
  }

  /**
   * @param id item id
   * @return the cached lookup, or empty on a miss or when disabled
   */
  public Optional<ItemRead> item(int id) {
    return enabled
        ? Optional.ofNullable(items.getIfPresent(id)).map(Filled::read)
        : Optional.empty();
  }

  /**
   * @param title an item's exact title
   * @return the id of the item with that title, if a lookup by that title was read before (and the
   *     cache is on)
   */
  public Optional<Integer> itemIdOf(String title) {
    return enabled ? Optional.ofNullable(titleIds.getIfPresent(title)) : Optional.empty();
  }

  /**
   * Fills the lookup entry of an item read by its title, and remembers which id the title has.
   *
   * @param title the exact title asked for
   * @param read the item found and the sequence it was read at
   * @return true when the lookup entry was stored (see {@link #putItem})
   */
  public boolean putItemByTitle(String title, ItemRead read) {
    titleIds.put(title, read.item().id());
    return putItem(read);
  }

  /**
   * @param topic topic
   * @return the cached search, or empty on a miss or when disabled
   */
  public Optional<SearchRead> search(String topic) {
    return enabled
        ? Optional.ofNullable(searches.getIfPresent(topic)).map(Filled::read)
        : Optional.empty();
  }

  /**
   * Fills the lookup entry of {@code read.item().id()}, unless the read is older than an
   * invalidation already seen for that item or than the entry already there.
   *
   * @param read an item and the sequence it was read at
   * @return true when the entry was stored
   */
  public boolean putItem(ItemRead read) {
    return fill(items.asMap(), itemInvalidatedAt, read.item().id(), read, read.sequence());
  }

  /**
   * Fills the search entry of {@code topic}, on the same rule as {@link #putItem}.
   *
   * @param topic the topic searched
   * @param read the hits and the sequence they were read at
   * @return true when the entry was stored
   */
  public boolean putSearch(String topic, SearchRead read) {
    return fill(searches.asMap(), topicInvalidatedAt, topic, read, read.sequence());
  }

  /**
   * Drops the lookup entry of an item and refuses later fills read before {@code sequence}.
   *
   * @param itemId the item that changed
   * @param sequence catalog sequence number of the change
   */
  public void invalidateItem(int itemId, long sequence) {
    invalidate(items.asMap(), itemInvalidatedAt, itemId, sequence);
  }

  /**
   * Drops the search entry of a topic and refuses later fills read before {@code sequence}.
   *
   * @param topic the topic whose hits may have changed
   * @param sequence catalog sequence number of the change
   */
  public void invalidateTopic(String topic, long sequence) {
    invalidate(searches.asMap(), topicInvalidatedAt, topic, sequence);
  }

  /** Drops every entry (the admin's flush); invalidation marks stay. */
  public void flush() {
    items.invalidateAll();
    searches.invalidateAll();
    titleIds.invalidateAll();
  }

  /**
   * @param on whether to serve reads from the cache; turning it off also flushes it
   */
  public void setEnabled(boolean on) {
    enabled = on;
    if (!on) {
      flush();
    }
  }

  /**
   * @return whether reads are served from the cache
   */
  public boolean isEnabled() {
    return enabled;
  }

  /**
   * @return lookup entries held now (an estimate, items)
   */
  public long itemEntries() {
    return items.estimatedSize();
  }

  /**
   * @return search entries held now (an estimate, items)
   */
  public long searchEntries() {
    return searches.estimatedSize();
  }

  /**
   * @return the most lookups, and separately the most searches, kept (items)
   */
  public long maxEntries() {
    return maxEntries;
  }

  /**
   * @return hit, miss and eviction counts of lookups and searches together
   */
  public CacheStats stats() {
    return items.stats().plus(searches.stats());
  }

  /**
   * @return fills refused because an invalidation newer than their read had already arrived, or a
   *     newer entry was there (SPEC guarantee 5), since the start
   */
  public long staleFillsRefused() {
    return staleFillsRefused.sum();
  }

  /**
   * @return invalidations received (one per item or topic a write changed), since the start
   */
  public long invalidationsReceived() {
    return invalidations.sum();
  }

  /**
   * @return every entry held now: lookups by item id, then searches by topic
   */
  public List<EntryView> entries() {
    long now = System.currentTimeMillis();
    List<EntryView> out = new ArrayList<>();
    items.asMap().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                out.add(
                    new EntryView(
                        "item " + e.getKey(), now - e.getValue().atMs(), e.getValue().sequence())));
    searches.asMap().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                out.add(
                    new EntryView(
                        "topic " + e.getKey(),
                        now - e.getValue().atMs(),
                        e.getValue().sequence())));
    return out;
  }

  private <K, V> boolean fill(
      ConcurrentMap<K, Filled<V>> entries, Map<K, Long> invalidatedAt, K key, V read, long readAt) {
    boolean[] stored = {false};
    entries.compute(
        key,
        (k, current) -> {
          if (readAt < invalidatedAt.getOrDefault(k, 0L)
              || current != null && current.sequence() > readAt) {
            return current;
          }
          stored[0] = true;
          return new Filled<>(read, readAt, System.currentTimeMillis());
        });
    if (!stored[0]) {
      staleFillsRefused.increment();
    }
    return stored[0];
  }

  private <K, V> void invalidate(
      ConcurrentMap<K, Filled<V>> entries,
      ConcurrentMap<K, Long> invalidatedAt,
      K key,
      long sequence) {
    invalidations.increment();
    entries.compute(
        key,
        (k, current) -> {
          invalidatedAt.merge(k, sequence, Math::max);
          return null;
        });
  }
}
