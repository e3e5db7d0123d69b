package bookstore.api.internal;

import bookstore.api.validation.IdempotencyKey;
import bookstore.api.validation.Quantity;
import jakarta.validation.constraints.NotNull;

/**
 * Internal command to the catalog: take units out of stock (a buy) or put them back.
 *
 * @param quantity units, 1 to {@link bookstore.api.validation.Limits#MAX_QUANTITY}
 * @param idempotencyKey idempotency key of the buy this belongs to, required
 */
public record StockChange(
    @Quantity int quantity,
    @NotNull(message = "is required") @IdempotencyKey String idempotencyKey) {}
