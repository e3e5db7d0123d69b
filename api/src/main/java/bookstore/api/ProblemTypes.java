package bookstore.api;

/**
 * The problem types (RFC 9457 {@code type}) the store defines beyond {@code about:blank}: each
 * tells a caller what to do next, and all come with status 503.
 */
public final class ProblemTypes {
  /** A replica is behind the sequence the read needs: read from the primary instead. */
  public static final String REPLICA_BEHIND = "urn:bookstore:replica-behind";
  /** No primary is known (an election is under way) or this replica stopped being it: retry. */
  public static final String NO_PRIMARY = "urn:bookstore:no-primary";
  /** The message broker is unreachable: the write was not made; retrying soon is safe. */
  public static final String BROKER_UNAVAILABLE = "urn:bookstore:broker-unavailable";

  private ProblemTypes() {}

  /** @param detail why @return a 503 {@link #NO_PRIMARY} problem */
  public static ProblemException noPrimary(String detail) {
    return new ProblemException(new Problem(NO_PRIMARY, "No Primary", 503, detail));
  }
}
