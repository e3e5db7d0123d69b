package bookstore.api.validation;

/**
 * Every limit on what a request may hold, in one place (SPEC "Public API"): the constraints of this
 * package, the servers' checks and the database columns all read these.
 */
public final class Limits {
  /**
   * Longest idempotency key, in characters (the {@code Idempotency-Key} header and the stored key).
   */
  public static final int MAX_KEY_LENGTH = 128;

  /** Most units one buy or one restock may move. */
  public static final int MAX_QUANTITY = 1_000_000;

  /** Longest item title, in characters. */
  public static final int MAX_TITLE_LENGTH = 200;

  /** Longest text of an event posted to the admin page's list (a fault), in characters. */
  public static final int MAX_EVENT_TEXT_LENGTH = 200;

  /** Longest topic, in characters. */
  public static final int MAX_TOPIC_LENGTH = 100;

  /** Digits a price may have before its decimal point (so every price is below 10^9). */
  public static final int PRICE_INTEGER_DIGITS = 9;

  /** Digits a price may have after its decimal point (cents). */
  public static final int PRICE_FRACTION_DIGITS = 2;

  /** Largest request body accepted, in bytes (16 KB); a larger one gets 413. */
  public static final int MAX_BODY_BYTES = 16 * 1024;

  private Limits() {}
}
