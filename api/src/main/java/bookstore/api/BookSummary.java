package bookstore.api;

/**
 * One search hit ({@code GET /api/books?topic=T}): the item number and title only.
 *
 * @param id positive item number
 * @param title display title
 */
public record BookSummary(int id, String title) {}
