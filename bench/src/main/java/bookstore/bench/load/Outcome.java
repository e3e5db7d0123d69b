package bookstore.bench.load;

/** How a request ended, from the client's point of view. */
public enum Outcome {
  /** The expected success status (200, or 201 for a buy). */
  OK,
  /**
   * The store said no for a business reason and changed nothing: a buy answered 409 out of stock.
   */
  REFUSED,
  /** Any other status, or no answer at all (connection refused, timeout). */
  ERROR;

  /**
   * @return the lowercase name used in the CSV
   */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
