package bookstore.bench.load;

import bookstore.client.StoreHttp;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Sends the store's requests and times each one, from just before sending to the end of the
 * answer's body, into a {@link Sample}; a 409 to a buy is {@link Outcome#REFUSED}, any status but
 * the expected one (or no answer) an {@link Outcome#ERROR}. Thread-safe: many clients share one.
 */
public final class TimedRequests {
  private final StoreHttp http;
  private final long originNanos;

  /**
   * @param http the store
   * @param originNanos {@link System#nanoTime()} at the start of the run: samples' start times
   *     count from it
   */
  public TimedRequests(StoreHttp http, long originNanos) {
    this.http = http;
    this.originNanos = originNanos;
  }

  /**
   * A timed request and the answer's body.
   *
   * @param sample the request as measured
   * @param body the answer's body, empty when there was no answer
   */
  public record Exchange(Sample sample, String body) {}

  /**
   * @param itemId item
   * @return the timed lookup
   */
  public Exchange lookup(int itemId) {
    return send(Operation.LOOKUP, itemId, http.lookup(itemId));
  }

  /**
   * @param itemId item
   * @return the timed buy of one unit
   */
  public Exchange buy(int itemId) {
    return send(Operation.BUY, itemId, http.buy(itemId));
  }

  /**
   * @param topic exact topic
   * @return the timed search
   */
  public Exchange search(String topic) {
    return send(Operation.SEARCH, 0, http.search(topic));
  }

  /**
   * @param itemId item
   * @param quantity units to add (items)
   * @return the timed restock
   */
  public Exchange restock(int itemId, int quantity) {
    return send(Operation.RESTOCK, itemId, http.restock(itemId, quantity));
  }

  /**
   * @param itemId item
   * @param price new unit price
   * @return the timed price change
   */
  public Exchange setPrice(int itemId, BigDecimal price) {
    return send(Operation.PRICE_CHANGE, itemId, http.setPrice(itemId, price));
  }

  /**
   * @return microseconds since the run started, now
   */
  public long nowMicros() {
    return (System.nanoTime() - originNanos) / 1_000;
  }

  private Exchange send(Operation operation, int itemId, StoreHttp.Request request) {
    long start = System.nanoTime();
    try {
      StoreHttp.Answer answer = http.send(request);
      long latency = (System.nanoTime() - start) / 1_000;
      int status = answer.status();
      Outcome outcome =
          status == (operation == Operation.BUY ? 201 : 200)
              ? Outcome.OK
              : operation == Operation.BUY && status == 409 ? Outcome.REFUSED : Outcome.ERROR;
      String servedBy = answer.header("X-Served-By").orElse("");
      String error = outcome == Outcome.ERROR ? "HTTP " + status : "";
      return new Exchange(
          new Sample(micros(start), operation, itemId, status, outcome, latency, servedBy, error),
          answer.body());
    } catch (IOException e) {
      long latency = (System.nanoTime() - start) / 1_000;
      String error =
          e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      return new Exchange(
          new Sample(micros(start), operation, itemId, 0, Outcome.ERROR, latency, "", error), "");
    }
  }

  private long micros(long nanos) {
    return (nanos - originNanos) / 1_000;
  }
}
