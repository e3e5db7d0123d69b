package bookstore.api;

/**
 * Internal command to the catalog: take units out of stock (a buy) or put them back.
 *
 * @param quantity units, at least 1
 * @param requestId idempotency key of the buy this belongs to
 */
public record StockChange(int quantity, String requestId) {}
