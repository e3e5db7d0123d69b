package bookstore.api;

import bookstore.api.validation.Quantity;
import jakarta.validation.constraints.NotNull;

/**
 * Admin command: add units to an item's stock.
 *
 * @param quantity units to add, 1 to {@link bookstore.api.validation.Limits#MAX_QUANTITY}
 */
public record Restock(@NotNull(message = "is required") @Quantity Integer quantity) {}
