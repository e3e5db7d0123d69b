package bookstore.api;

/**
 * A replicated catalog write, published on the topic {@code catalog.updates}. It carries the
 * item's whole state after the write, so applying it twice gives the same state.
 *
 * @param stamp (replica, epoch, sequence) of the write
 * @param kind what the write was
 * @param item the item after the write
 */
public record CatalogUpdate(WriteStamp stamp, Kind kind, Item item) {

  /** The catalog writes a primary sequences. */
  public enum Kind {
    DECREMENT,
    RESTOCK,
    PRICE,
    NEW_ITEM
  }
}
