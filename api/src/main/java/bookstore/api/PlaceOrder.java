package bookstore.api;

/**
 * Internal command from the front end to the order service.
 *
 * @param itemId the item to buy, positive
 * @param quantity units, at least 1
 * @param requestId idempotency key: a repeat with the same key returns the first result
 *     (SPEC guarantee 3)
 */
public record PlaceOrder(int itemId, int quantity, String requestId) {}
