package bookstore.order.application;

import bookstore.api.internal.StockTaken;

/**
 * The catalog as the order service needs it (port; the REST adapter is in infrastructure). Failures
 * are {@link bookstore.api.ProblemException}s: 404 unknown item, 409 out of stock, 503 catalog
 * unreachable.
 */
public interface CatalogStock {

  /**
   * Takes units out of the catalog's stock atomically (SPEC guarantee 1); a repeat with the same
   * request id takes nothing and answers the same (SPEC guarantee 3).
   *
   * @param itemId item
   * @param quantity units, at least 1
   * @param idempotencyKey the buy's idempotency key
   * @return what was taken and at what unit price
   */
  StockTaken take(int itemId, int quantity, String idempotencyKey);

  /**
   * Gives back the stock a buy took, when its order could not be recorded; once per key.
   *
   * @param idempotencyKey the buy's idempotency key
   */
  void giveBack(String idempotencyKey);
}
