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
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.net.URLEncoder;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * A small client of the store's public API over HTTP/1.1 (one connection pool per instance).
 * Every call returns the raw JSON answer alongside the parsed value, for {@code --json}.
 * Errors: {@link ProblemException} with the store's problem for an answer of 400 and up;
 * {@link StoreUnreachableException} when nothing listens at the base URL.
 */
public final class StoreClient {
  private static final Jsonb JSONB = JsonbBuilder.create();

  private final URI base;
  private final HttpClient http;

  /** A parsed answer and the JSON text it came from. */
  public record Answer<T>(T value, String json) {}

  /** Thrown when the front end does not answer at all (not started, or the wrong URL). */
  public static final class StoreUnreachableException extends RuntimeException {
    StoreUnreachableException(URI base, Throwable cause) {
      super("the store is not running at " + base + " (start it with ./bookstore start)", cause);
    }
  }

  /** @param base the front end's base URL, e.g. {@code http://127.0.0.1:8080} */
  public StoreClient(URI base) {
    this.base = base;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3))
            .build();
  }

  /** @param topic exact topic @return its books */
  public Answer<List<BookSummary>> search(String topic) {
    String json = send(get("/api/books?topic=" + URLEncoder.encode(topic, StandardCharsets.UTF_8)));
    return new Answer<>(Arrays.asList(JSONB.fromJson(json, BookSummary[].class)), json);
  }

  /** @param id item id as typed (the store checks it) @return the item */
  public Answer<Item> lookup(String id) {
    String json = send(get("/api/books/" + URLEncoder.encode(id, StandardCharsets.UTF_8)));
    return new Answer<>(JSONB.fromJson(json, Item.class), json);
  }

  /**
   * @param itemId item id
   * @param quantity units
   * @param idempotencyKey the key to send, or null for the store to make one
   * @return the order
   */
  public Answer<Order> buy(int itemId, int quantity, String idempotencyKey) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve("/api/orders"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"itemId\":" + itemId + ",\"quantity\":" + quantity + "}"));
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    String json = send(request.build());
    return new Answer<>(JSONB.fromJson(json, Order.class), json);
  }

  /** @param number order number as typed @return the order */
  public Answer<Order> order(String number) {
    String json = send(get("/api/orders/" + URLEncoder.encode(number, StandardCharsets.UTF_8)));
    return new Answer<>(JSONB.fromJson(json, Order.class), json);
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET().build();
  }

  private String send(HttpRequest request) {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new StoreUnreachableException(base, e);
    } catch (IOException e) {
      throw new StoreUnreachableException(base, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    if (response.statusCode() >= 400) {
      throw new ProblemException(problemOf(response));
    }
    return response.body();
  }

  private static Problem problemOf(HttpResponse<String> response) {
    try {
      Problem problem = JSONB.fromJson(response.body(), Problem.class);
      if (problem != null && problem.status() == response.statusCode()) {
        return problem;
      }
    } catch (JsonbException notAProblem) {
      // fall through
    }
    return new Problem("about:blank", "HTTP " + response.statusCode(), response.statusCode(), response.body());
  }
}
