package bookstore.client;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * The store's public API as HTTP requests, and one shared {@link HttpClient} (HTTP/1.1, keep-alive
 * connections reused across requests and runs) to send them. The load generator times what this
 * sends; {@link StoreClient} (the CLI) and the bench's {@code StoreAdmin} parse it. Requests time out after {@link #REQUEST_TIMEOUT}, longer than
 * the front end's 10 s retry of a buy during a failover.
 */
public final class StoreHttp {
  /** How long one request may take before it counts as an error. */
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private static final String JSON = "application/json";

  private final URI frontend;
  private final HttpClient http;

  /** @param frontend the front end's base URL, e.g. {@code http://127.0.0.1:8080} */
  public StoreHttp(URI frontend) {
    this.frontend = frontend;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3))
            .build();
  }

  /** @return the front end's base URL */
  public URI frontend() {
    return frontend;
  }

  /**
   * @param request a request built by this class
   * @return the answer, body read in full
   * @throws IOException when there is no answer (refused, reset, timed out)
   */
  public HttpResponse<String> send(HttpRequest request) throws IOException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** @param itemId item @return {@code GET /api/books/{id}} */
  public HttpRequest lookup(int itemId) {
    return lookup(String.valueOf(itemId));
  }

  /** @param id item id as typed (the store checks it) @return {@code GET /api/books/{id}} */
  public HttpRequest lookup(String id) {
    return get("/api/books/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
  }

  /** @param number order number as typed @return {@code GET /api/orders/{number}} */
  public HttpRequest order(String number) {
    return get("/api/orders/" + URLEncoder.encode(number, StandardCharsets.UTF_8));
  }

  /** @param topic exact topic @return {@code GET /api/books?topic=T} */
  public HttpRequest search(String topic) {
    return get("/api/books?topic=" + URLEncoder.encode(topic, StandardCharsets.UTF_8).replace("+", "%20"));
  }

  /** @param itemId item @return {@code POST /api/orders} for one unit with a fresh idempotency key */
  public HttpRequest buy(int itemId) {
    return buy(itemId, 1, UUID.randomUUID().toString());
  }

  /**
   * @param itemId item
   * @param quantity units
   * @param idempotencyKey the key to send, or null for the front end to make one
   * @return {@code POST /api/orders}
   */
  public HttpRequest buy(int itemId, int quantity, String idempotencyKey) {
    HttpRequest.Builder request =
        builder("/api/orders")
            .header("Content-Type", JSON)
            .POST(body("{\"itemId\":" + itemId + ",\"quantity\":" + quantity + "}"));
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return request.build();
  }

  /** @param itemId item @param quantity units to add @return {@code POST /api/admin/items/{id}/restock} */
  public HttpRequest restock(int itemId, int quantity) {
    return builder("/api/admin/items/" + itemId + "/restock")
        .header("Content-Type", JSON)
        .POST(body("{\"quantity\":" + quantity + "}"))
        .build();
  }

  /** @param itemId item @param price new unit price @return {@code PUT /api/admin/items/{id}/price} */
  public HttpRequest setPrice(int itemId, BigDecimal price) {
    return builder("/api/admin/items/" + itemId + "/price")
        .header("Content-Type", JSON)
        .PUT(body("{\"price\":" + price.toPlainString() + "}"))
        .build();
  }

  /** @param json {@code {title,topic,stock,price}} @return {@code POST /api/admin/items} */
  public HttpRequest addItem(String json) {
    return builder("/api/admin/items").header("Content-Type", JSON).POST(body(json)).build();
  }

  /** @return {@code GET /api/admin/cache} */
  public HttpRequest cacheState() {
    return get("/api/admin/cache");
  }

  /** @param enabled whether the front end serves reads from its cache @return {@code PUT /api/admin/cache} */
  public HttpRequest switchCache(boolean enabled) {
    return builder("/api/admin/cache")
        .header("Content-Type", JSON)
        .PUT(body("{\"enabled\":" + enabled + "}"))
        .build();
  }

  /** @return {@code GET /api/admin/replicas} (absent on front ends that predate it) */
  public HttpRequest replicas() {
    return get("/api/admin/replicas");
  }

  /**
   * @param baseUrl a replica's base URL
   * @return {@code GET /replica} on that replica, with a short timeout (a dead one must not stall)
   */
  public static HttpRequest replicaStatus(URI baseUrl) {
    return HttpRequest.newBuilder(baseUrl.resolve("/replica")).timeout(Duration.ofSeconds(2)).GET().build();
  }

  /**
   * @param request a request
   * @return its answer's body when it is 2xx, else null (no answer, or an error status)
   */
  public String bodyIfOk(HttpRequest request) {
    try {
      HttpResponse<String> answer = send(request);
      return answer.statusCode() / 100 == 2 ? answer.body() : null;
    } catch (IOException e) {
      return null;
    }
  }

  private HttpRequest get(String path) {
    return builder(path).GET().build();
  }

  private HttpRequest.Builder builder(String path) {
    return HttpRequest.newBuilder(frontend.resolve(path)).timeout(REQUEST_TIMEOUT);
  }

  private static HttpRequest.BodyPublisher body(String json) {
    return HttpRequest.BodyPublishers.ofString(json);
  }
}
