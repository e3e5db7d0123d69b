package bookstore.catalog.application;

import bookstore.api.Item;
import java.math.BigDecimal;
import java.util.List;

/**
 * The catalog's whole replicated state, sent to a backup that must start over.
 *
 * @param items every item by id
 * @param decrements every buy's stock decrement by request id
 */
public record CatalogSnapshot(List<Item> items, List<Decrement> decrements) {

  /**
   * One buy's stock decrement.
   *
   * @param idempotencyKey idempotency key
   * @param itemId item
   * @param quantity units
   * @param unitPrice price when taken
   * @param stockLeft stock after
   * @param sequence sequence number of the decrement
   * @param cancelled whether the stock was given back
   */
  public record Decrement(
      String idempotencyKey,
      int itemId,
      int quantity,
      BigDecimal unitPrice,
      int stockLeft,
      long sequence,
      boolean cancelled) {}
}
