package bookstore.api;

/**
 * A replicated catalog write, published on the topic {@code catalog.updates}. It carries the
 * item's whole state after the write, so applying it twice gives the same state.
 *
 * @param stamp (replica, epoch, sequence) of the write
 * @param kind what the write was
 * @param item the item after the write
 * @param requestId for {@link Kind#DECREMENT} and {@link Kind#CANCEL}: the buy's idempotency
 *     key, so every replica knows which buys already took their stock; otherwise null
 * @param quantity units the write took or added (0 for a price change or a new item)
 */
public record CatalogUpdate(WriteStamp stamp, Kind kind, Item item, String requestId, int quantity) {

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
