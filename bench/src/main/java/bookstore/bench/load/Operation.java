package bookstore.bench.load;

import java.util.Locale;

/** A kind of request the load generator sends, named as in the CSV and the reports. */
public enum Operation {
  /** {@code GET /api/books/{id}}. */
  LOOKUP,
  /** {@code POST /api/orders}, one unit, with a fresh {@code Idempotency-Key}. */
  BUY,
  /** {@code GET /api/books?topic=T}. */
  SEARCH,
  /**
   * {@code POST /api/admin/items/{id}/restock}: the load generator's own top-up of sold-out items.
   */
  RESTOCK,
  /** {@code PUT /api/admin/items/{id}/price}: a write that invalidates the item's cache entry. */
  PRICE_CHANGE;

  /**
   * @return the lowercase name used in the CSV and the tables, e.g. {@code lookup}
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
