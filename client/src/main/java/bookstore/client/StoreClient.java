package bookstore.client;

import bookstore.api.BookSummary;
import bookstore.api.Item;
import bookstore.api.Order;
import bookstore.api.Problem;
import bookstore.api.ProblemException;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.List;

/**
 * A small client of the store's public API, sending {@link StoreHttp}'s requests. Every call
 * returns the raw JSON answer alongside the parsed value, for {@code --json}. Errors: {@link
 * ProblemException} with the store's problem for an answer of 400 and up; {@link
 * StoreUnreachableException} when nothing listens at the base URL.
 */
public final class StoreClient {
  private static final Jsonb JSONB = JsonbBuilder.create();

  private final URI base;
  private final StoreHttp http;

  /** A parsed answer and the JSON text it came from. */
  public record Answer<T>(T value, String json) {}

  /** Thrown when the front end does not answer at all (not started, or the wrong URL). */
  public static final class StoreUnreachableException extends RuntimeException {
    StoreUnreachableException(URI base, Throwable cause) {
      super("the store is not running at " + base + " (start it with ./bookstore start)", cause);
    }
  }

  /**
   * The front end's base URL a command-line tool talks to: the one it was given, else the
   * environment's {@code BOOKSTORE_URL}, else {@code http://127.0.0.1:8080}.
   *
   * @param url the base URL as given (a {@code --url} option), or null when none was
   * @return the base URL
   * @throws IllegalArgumentException when the URL chosen is not a valid URI
   */
  public static URI baseUrl(String url) {
    return URI.create(
        url != null ? url : System.getenv().getOrDefault("BOOKSTORE_URL", "http://127.0.0.1:8080"));
  }

  /**
   * @param base the front end's base URL, e.g. {@code http://127.0.0.1:8080}
   */
  public StoreClient(URI base) {
    this.base = base;
    this.http = new StoreHttp(base);
  }

  /**
   * @param topic exact topic
   * @return its books
   */
  public Answer<List<BookSummary>> search(String topic) {
    String json = send(http.search(topic));
    return new Answer<>(Arrays.asList(JSONB.fromJson(json, BookSummary[].class)), json);
  }

  /**
   * @param id item id as typed (the store checks it)
   * @return the item
   */
  public Answer<Item> lookup(String id) {
    String json = send(http.lookup(id));
    return new Answer<>(JSONB.fromJson(json, Item.class), json);
  }

  /**
   * @param itemId item id
   * @param quantity units
   * @param idempotencyKey the key to send, or null for the store to make one
   * @return the order
   */
  public Answer<Order> buy(int itemId, int quantity, String idempotencyKey) {
    String json = send(http.buy(itemId, quantity, idempotencyKey));
    return new Answer<>(JSONB.fromJson(json, Order.class), json);
  }

  /**
   * @param number order number as typed
   * @return the order
   */
  public Answer<Order> order(String number) {
    String json = send(http.order(number));
    return new Answer<>(JSONB.fromJson(json, Order.class), json);
  }

  private String send(StoreHttp.Request request) {
    StoreHttp.Answer answer;
    try {
      answer = http.send(request);
    } catch (IOException e) {
      throw new StoreUnreachableException(base, e);
    }
    if (answer.status() >= 400) {
      throw new ProblemException(problemOf(answer));
    }
    return answer.body();
  }

  private static Problem problemOf(StoreHttp.Answer answer) {
    try {
      Problem problem = JSONB.fromJson(answer.body(), Problem.class);
      if (problem != null && problem.status() == answer.status()) {
        return problem;
      }
    } catch (JsonbException notAProblem) {
      // fall through
    }
    return new Problem("about:blank", "HTTP " + answer.status(), answer.status(), answer.body());
  }
}
