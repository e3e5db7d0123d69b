package bookstore.api;

/**
 * Admin command: add units to an item's stock.
 *
 * @param quantity units to add, at least 1
 */
public record Restock(Integer quantity) {}
