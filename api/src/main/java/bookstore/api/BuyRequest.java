package bookstore.api;

import bookstore.api.validation.ItemId;
import bookstore.api.validation.Quantity;
import jakarta.validation.constraints.NotNull;

/**
 * The body of {@code POST /api/orders}, checked by its constraints at the front end (400
 * problem+json otherwise).
 *
 * @param itemId the item to buy: required, a positive int
 * @param quantity units to buy, 1 to {@link bookstore.api.validation.Limits#MAX_QUANTITY}; a
 *     missing quantity means 1
 */
public record BuyRequest(
    @NotNull(message = "is required") @ItemId Integer itemId, @Quantity Integer quantity) {}
