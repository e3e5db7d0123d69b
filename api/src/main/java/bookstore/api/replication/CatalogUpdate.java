package bookstore.api.replication;

import bookstore.api.Item;
import jakarta.json.bind.annotation.JsonbProperty;

/**
 * A replicated catalog write, published on the topic {@code catalog.updates}. It carries the item's
 * whole state after the write, so applying it twice gives the same state. The same message is every
 * front end's cache invalidation: it drops the item's lookup entry and its topic's search entry,
 * and refuses later cache fills read below {@code stamp.sequence()} (SPEC guarantee 5).
 *
 * @param stamp (replica, epoch, sequence) of the write
 * @param kind what the write was
 * @param item the item after the write
 * @param idempotencyKey for {@link Kind#DECREMENT} and {@link Kind#CANCEL}: the buy's idempotency
 *     key, so every replica knows which buys already took their stock; otherwise null
 * @param quantity units the write took or added (0 for a price change or a new item)
 * @param writtenAtMs when the primary made the write, ms since the Unix epoch, so a front end can
 *     tell how long its invalidation took to arrive (not part of the replicated state)
 */
public record CatalogUpdate(
    WriteStamp stamp,
    Kind kind,
    Item item,
    @JsonbProperty(STORED_KEY_NAME) String idempotencyKey,
    int quantity,
    long writtenAtMs) {

  /**
   * The JSON name of the idempotency key in a replicated write ({@value}): its name before the key
   * was called by one name along a buy, kept so that the write logs and journals of existing stores
   * read as they are.
   */
  public static final String STORED_KEY_NAME = "requestId";

  /**
   * A write made now.
   *
   * @param stamp (replica, epoch, sequence) of the write
   * @param kind what the write was
   * @param item the item after the write
   * @param idempotencyKey the buy's idempotency key, or null
   * @param quantity units taken or added
   * @return the update, written at the current time
   */
  public static CatalogUpdate now(
      WriteStamp stamp, Kind kind, Item item, String idempotencyKey, int quantity) {
    return new CatalogUpdate(
        stamp, kind, item, idempotencyKey, quantity, System.currentTimeMillis());
  }

  /** The catalog writes a primary sequences. */
  public enum Kind {
    /** a buy took stock */
    DECREMENT,
    /** a buy that could not be recorded gave its stock back */
    CANCEL,
    /** stock was added (admin or the restock timer) */
    RESTOCK,
    /** the price changed */
    PRICE,
    /** an item was added */
    NEW_ITEM
  }
}
