package bookstore.chaos.history;

import bookstore.api.Order;

/**
 * One client operation of a run, as recorded: what was invoked, when, and how it ended. The
 * outcomes follow Jepsen's: a buy that answered 201 happened ({@link Outcome#OK}), one refused with
 * a 4xx did not ({@link Outcome#FAIL}), and one with no answer or a 5xx may or may not have
 * happened ({@link Outcome#UNKNOWN}: a client-visible error).
 *
 * @param type buy or lookup
 * @param client the client that ran it (0 to clients - 1)
 * @param itemId the item asked for
 * @param quantity items a buy asks for (0 for a lookup)
 * @param key a buy's idempotency key (null for a lookup)
 * @param invokedNanos when it was sent ({@link System#nanoTime()})
 * @param completedNanos when its answer (or its error) came ({@link System#nanoTime()})
 * @param outcome how it ended
 * @param status the HTTP status, 0 when there was no answer
 * @param order the order an acknowledged buy returned, else null
 * @param stockSeen the stock a successful lookup showed (items), else -1
 * @param detail a failure's problem detail or exception, null for a success
 */
public record Operation(
    Type type,
    int client,
    int itemId,
    int quantity,
    String key,
    long invokedNanos,
    long completedNanos,
    Outcome outcome,
    int status,
    Order order,
    int stockSeen,
    String detail) {

  /** What an operation asked for. */
  public enum Type {
    /** {@code POST /api/orders} with an idempotency key. */
    BUY,
    /** {@code GET /api/books/{id}}. */
    LOOKUP
  }

  /** How an operation ended. */
  public enum Outcome {
    /** It happened: 201 for a buy, 200 for a lookup. */
    OK,
    /** It did not happen, and the store said so: a 4xx. */
    FAIL,
    /** No answer, or a 5xx: it may or may not have happened (a client-visible error). */
    UNKNOWN
  }

  /**
   * @return true for a buy the store acknowledged (201 with its order)
   */
  public boolean acknowledgedBuy() {
    return type == Type.BUY && outcome == Outcome.OK;
  }

  /**
   * @return how long it took, in seconds
   */
  public double latencySeconds() {
    return (completedNanos - invokedNanos) / 1e9;
  }
}
