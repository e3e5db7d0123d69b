package bookstore.api;

/**
 * The body of {@code POST /api/orders}. Validation happens at the front end: {@code itemId}
 * must be a positive int and {@code quantity} at least 1 (a missing quantity means 1).
 *
 * @param itemId the item to buy
 * @param quantity units to buy
 */
public record BuyRequest(Integer itemId, Integer quantity) {}
