package bookstore.api;

/**
 * The problem types (RFC 9457 {@code type}) the store defines beyond {@code about:blank}: each
 * tells a caller what to do next. All come with status 503 but {@link #IDEMPOTENCY_KEY_REUSED}
 * (422).
 */
public final class ProblemTypes {
  /** A replica is behind the sequence the read needs: read from the primary instead. */
  public static final String REPLICA_BEHIND = "urn:bookstore:replica-behind";

  /** No primary is known (an election is under way) or this replica stopped being it: retry. */
  public static final String NO_PRIMARY = "urn:bookstore:no-primary";

  /**
   * A node this request needed (the primary a write was forwarded to, a replica a call went to) did
   * not answer: the request may be retried on another replica or after a pause, as after {@link
   * #NO_PRIMARY}.
   */
  public static final String PEER_UNREACHABLE = "urn:bookstore:peer-unreachable";

  /** The message broker is unreachable: the write was not made; retrying soon is safe. */
  public static final String BROKER_UNAVAILABLE = "urn:bookstore:broker-unavailable";

  /**
   * The primary committed the write but lost its lease before the broker confirmed it: a newer
   * primary may have started, and then fences the write out. Whether it was made is not known; a
   * retry with the same {@code Idempotency-Key} answers it, made once (SPEC guarantee 3), on the
   * new primary. A write without a key must not be resent blindly.
   */
  public static final String WRITE_IN_DOUBT = "urn:bookstore:write-in-doubt";

  /**
   * A node answered without the store's application behind it (still deploying after a restart, or
   * shutting down): the request was not served; try another replica or retry.
   */
  public static final String NOT_SERVING = "urn:bookstore:not-serving";

  /**
   * An {@code Idempotency-Key} already used for another request (another item or quantity): the key
   * answers only the request it was first sent with (status 422, as the IETF Idempotency-Key HTTP
   * header draft says); nothing was changed.
   */
  public static final String IDEMPOTENCY_KEY_REUSED = "urn:bookstore:idempotency-key-reused";

  private ProblemTypes() {}

  /**
   * @param type a problem's type
   * @return whether the same request may go to the primary again, or another replica, after a pause
   *     ({@link #NO_PRIMARY}, {@link #NOT_SERVING}, {@link #PEER_UNREACHABLE})
   */
  public static boolean retryable(String type) {
    return NO_PRIMARY.equals(type) || NOT_SERVING.equals(type) || PEER_UNREACHABLE.equals(type);
  }

  /**
   * @param detail why
   * @return a 503 {@link #NOT_SERVING} problem
   */
  public static ProblemException notServing(String detail) {
    return new ProblemException(new Problem(NOT_SERVING, "Not Serving", 503, detail));
  }

  /**
   * @param detail why
   * @return a 503 {@link #NO_PRIMARY} problem
   */
  public static ProblemException noPrimary(String detail) {
    return new ProblemException(new Problem(NO_PRIMARY, "No Primary", 503, detail));
  }

  /**
   * @param key the idempotency key
   * @param first what it was first used for, in words
   * @return a 422 {@link #IDEMPOTENCY_KEY_REUSED} problem
   */
  public static ProblemException keyReused(String key, String first) {
    return new ProblemException(
        new Problem(
            IDEMPOTENCY_KEY_REUSED,
            "Idempotency Key Reused",
            422,
            "Idempotency-Key '"
                + key
                + "' was first used for "
                + first
                + "; send this request with a key of its own"));
  }
}
