package bookstore.platform.clients;

import bookstore.api.Order;

/**
 * The order service's answer to a buy: the order, and the catalog sequence number of the stock
 * decrement it caused, so the front end can drop its cached copy of the item at once and
 * refuse older fills (SPEC guarantee 5).
 *
 * @param order the order
 * @param catalogSequence the catalog write sequence number of the decrement; 0 for a replay
 * @param replayed true when the idempotency key was used before and this is the first result
 *     again, with nothing changed (SPEC guarantee 3)
 */
public record PlacedOrder(Order order, long catalogSequence, boolean replayed) {

  /** @param order the order recorded first for a key @return the replayed answer */
  public static PlacedOrder replay(Order order) {
    return new PlacedOrder(order, 0, true);
  }
}
