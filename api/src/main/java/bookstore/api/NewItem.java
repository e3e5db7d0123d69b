package bookstore.api;

import java.math.BigDecimal;

/**
 * Admin command: add an item to the catalog. The catalog assigns the id.
 *
 * @param title non-blank title
 * @param topic non-blank topic
 * @param stock initial stock, at least 0
 * @param price unit price, at least 0, at most 2 decimal places
 */
public record NewItem(String title, String topic, Integer stock, BigDecimal price) {}
