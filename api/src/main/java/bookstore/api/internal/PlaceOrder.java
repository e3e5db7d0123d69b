package bookstore.api.internal;

import bookstore.api.validation.IdempotencyKey;
import bookstore.api.validation.ItemId;
import bookstore.api.validation.Quantity;
import jakarta.validation.constraints.NotNull;

/**
 * Internal command from the front end to the order service.
 *
 * @param itemId the item to buy, positive
 * @param quantity units, 1 to {@link bookstore.api.validation.Limits#MAX_QUANTITY}
 * @param idempotencyKey idempotency key, required: a repeat with the same key returns the first
 *     result (SPEC guarantee 3)
 */
public record PlaceOrder(
    @ItemId int itemId,
    @Quantity int quantity,
    @NotNull(message = "is required") @IdempotencyKey String idempotencyKey) {}
