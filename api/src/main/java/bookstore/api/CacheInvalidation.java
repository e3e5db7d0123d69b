package bookstore.api;

/**
 * Tells every front end that an item changed, published on {@code cache.invalidations} with
 * each catalog write. A front end drops the item's lookup entry and its topic's search entry,
 * and refuses later cache fills read at a sequence below {@code sequence} (SPEC guarantee 5).
 *
 * @param itemId the item that changed
 * @param topic its topic (its search entry goes too)
 * @param sequence catalog write sequence number of the change
 * @param writtenAtMs when the catalog primary made the write, ms since the epoch (taken just
 *     before its commit), so a front end can tell how long the invalidation took to arrive
 */
public record CacheInvalidation(int itemId, String topic, long sequence, long writtenAtMs) {}
