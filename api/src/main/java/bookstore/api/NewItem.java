package bookstore.api;

import bookstore.api.validation.Price;
import bookstore.api.validation.StockLevel;
import bookstore.api.validation.Title;
import bookstore.api.validation.Topic;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;

/**
 * Admin command: add an item to the catalog. The catalog assigns the id.
 *
 * @param title non-blank title, at most {@link bookstore.api.validation.Limits#MAX_TITLE_LENGTH}
 *     characters
 * @param topic non-blank topic, at most {@link bookstore.api.validation.Limits#MAX_TOPIC_LENGTH}
 *     characters
 * @param stock initial stock, at least 0
 * @param price unit price (see {@link Price})
 */
public record NewItem(
    @Title String title,
    @Topic String topic,
    @NotNull(message = "is required") @StockLevel Integer stock,
    @Price BigDecimal price) {}
