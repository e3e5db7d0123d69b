package bookstore.api;

import java.math.BigDecimal;

/**
 * Admin command: set an item's price.
 *
 * @param price new unit price, at least 0, at most 2 decimal places
 */
public record PriceChange(BigDecimal price) {}
