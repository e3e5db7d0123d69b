package bookstore.api;

import java.math.BigDecimal;

/**
 * One catalog item as the public API shows it ({@code GET /api/books/{id}}).
 *
 * @param id positive item number
 * @param title display title
 * @param topic search topic, e.g. "distributed systems"
 * @param stock units in stock, never below 0 (SPEC guarantee 1)
 * @param price unit price, 2 decimal places
 */
public record Item(int id, String title, String topic, int stock, BigDecimal price) {}
