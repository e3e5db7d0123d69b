package bookstore.api;

import bookstore.api.validation.Price;
import java.math.BigDecimal;

/**
 * Admin command: set an item's price.
 *
 * @param price new unit price (see {@link Price})
 */
public record PriceChange(@Price BigDecimal price) {}
