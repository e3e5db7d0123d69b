package bookstore.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The store's public API as HTTP requests ({@link Request}), and the transport that sends them: the
 * JDK's {@link HttpURLConnection} (HTTP/1.1; a connection is kept alive and reused by the next
 * request to the same host once an answer's body has been read in full). The load generator times
 * what this sends; {@link StoreClient} (the CLI) and the bench's {@code StoreAdmin} parse it.
 *
 * <p>Why not {@code java.net.http.HttpClient}: on the 2-core machine its blocking {@code send} cost
 * so much CPU that the load generator, not the store, limited throughput (16 threads of cached
 * lookups: 2,515 req/s against 6,337 req/s with {@code HttpURLConnection}, at half the client's
 * CPU).
 *
 * <p>Timeouts: connecting may take {@link #CONNECT_TIMEOUT}; waiting for the answer (each read from
 * the socket, so a trickling answer may take longer in all) the request's own timeout, {@link
 * #REQUEST_TIMEOUT} unless said otherwise, longer than the front end's 10 s retry of a buy during a
 * failover. Thread-safe: any number of threads may send at once, each on its own connection.
 */
public final class StoreHttp {
  /** How long a request may wait for its answer before it counts as an error. */
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /** How long opening a connection may take. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

  /** How long {@link #replicaStatus(URI)} waits for a replica: a dead one must not stall. */
  public static final Duration REPLICA_STATUS_TIMEOUT = Duration.ofSeconds(2);

  /** Idle connections kept per host, unless {@code -Dhttp.maxConnections} says otherwise. */
  static final int MAX_IDLE_CONNECTIONS = 256;

  private static final String JSON = "application/json";

  static {
    // HttpURLConnection keeps at most http.maxConnections idle connections per host (default 5)
    // and closes any further connection when its answer has been read. The load generator runs
    // 16 or 64 clients at once, each with its own connection: with the default, a connection
    // finding 5 others idle would be closed after its answer and its client would open a new one
    // for the next request, and the benchmark would measure connection set-up, not the store. The
    // JDK reads the property once, at the first keep-alive
    // connection, hence here, before this class sends anything.
    if (System.getProperty("http.maxConnections") == null) {
      System.setProperty("http.maxConnections", Integer.toString(MAX_IDLE_CONNECTIONS));
    }
    // Request bodies are buffered (see send), and the JDK sends a buffered POST again on a fresh
    // connection when the first attempt gets no answer, unless sun.net.http.retryPost is false:
    // a buy or restock must not be repeated behind the caller's back. Also read once, when
    // HttpURLConnection's class loads.
    if (System.getProperty("sun.net.http.retryPost") == null) {
      System.setProperty("sun.net.http.retryPost", "false");
    }
  }

  /**
   * An HTTP request, built by this class's methods.
   *
   * @param method {@code GET}, {@code POST} or {@code PUT}
   * @param uri the absolute URL
   * @param headers request headers by name (e.g. {@code Content-Type})
   * @param body the JSON body sent (UTF-8), or null for none
   * @param timeout how long to wait for the answer once connected
   */
  public record Request(
      String method, URI uri, Map<String, String> headers, String body, Duration timeout) {
    /**
     * Checks the request and copies its headers.
     *
     * @param method {@code GET}, {@code POST} or {@code PUT}
     * @param uri the absolute URL
     * @param headers request headers by name, or null for none
     * @param body the JSON body sent (UTF-8), or null for none
     * @param timeout how long to wait for the answer once connected
     */
    public Request {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(uri, "uri");
      Objects.requireNonNull(timeout, "timeout");
      headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
  }

  /**
   * An HTTP answer, its body read in full.
   *
   * @param status the status code, e.g. 200
   * @param body the body as text (UTF-8), empty when there is none
   * @param headers the answer's headers by name, each with its values in order, unmodifiable (as
   *     {@link HttpURLConnection#getHeaderFields()} gives them: the status line under a null name)
   */
  public record Answer(int status, String body, Map<String, List<String>> headers) {
    /**
     * Takes the headers as they are: the load generator reads one header of every answer.
     *
     * @param status the status code, e.g. 200
     * @param body the body as text (UTF-8), or null for none
     * @param headers the answer's headers by name, or null for none
     */
    public Answer {
      body = body == null ? "" : body;
      headers = headers == null ? Map.of() : headers;
    }

    /**
     * @param name a header's name, in any case
     * @return its first value, if the answer has it
     */
    public Optional<String> header(String name) {
      for (Map.Entry<String, List<String>> header : headers.entrySet()) {
        if (name.equalsIgnoreCase(header.getKey()) && !header.getValue().isEmpty()) {
          return Optional.of(header.getValue().get(0));
        }
      }
      return Optional.empty();
    }
  }

  private final URI frontend;
  private final Map<String, String> adminLogin;

  /**
   * A client whose admin calls log in with the password in the environment variable {@code
   * BOOKSTORE_ADMIN_PASSWORD} ({@code ./bookstore} sets it from {@code run/admin-password}).
   *
   * @param frontend the front end's base URL, e.g. {@code http://127.0.0.1:8080}
   */
  public StoreHttp(URI frontend) {
    this(frontend, System.getenv("BOOKSTORE_ADMIN_PASSWORD"));
  }

  /**
   * @param frontend the front end's base URL, e.g. {@code http://127.0.0.1:8080}
   * @param adminPassword the admin's password, sent with every {@code /api/admin} call as HTTP
   *     Basic (RFC 7617, user {@code admin}); null or empty: sent without, and answered 401
   */
  public StoreHttp(URI frontend, String adminPassword) {
    this.frontend = frontend;
    this.adminLogin =
        adminPassword == null || adminPassword.isEmpty()
            ? Map.of()
            : Map.of(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(
                            ("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * @return the front end's base URL
   */
  public URI frontend() {
    return frontend;
  }

  /**
   * Sends a request and reads its answer in full (for an error status too, so the connection can be
   * reused). A {@code POST} is sent once, never again on a fresh connection: a buy must not be
   * repeated behind the caller's back (unless {@code -Dsun.net.http.retryPost=true}). A {@code GET}
   * or {@code PUT} (idempotent) whose kept-alive connection turns out closed by the server is sent
   * once more on a new one, by the JDK.
   *
   * @param request a request built by this class
   * @return the answer, of any status
   * @throws IOException when there is no answer: refused, reset, timed out, or not HTTP
   */
  public Answer send(Request request) throws IOException {
    HttpURLConnection connection =
        (HttpURLConnection) request.uri().toURL().openConnection(Proxy.NO_PROXY);
    try {
      connection.setRequestMethod(request.method());
      connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
      connection.setReadTimeout((int) Math.max(1, request.timeout().toMillis()));
      connection.setUseCaches(false);
      connection.setRequestProperty("Accept", "*/*");
      request.headers().forEach(connection::setRequestProperty);
      if (request.body() != null) {
        byte[] body = request.body().getBytes(StandardCharsets.UTF_8);
        connection.setDoOutput(true);
        // Buffered, not streamed (no setFixedLengthStreamingMode): the JDK then writes headers
        // and body right after one another and the server mostly reads them at once; streamed,
        // the body follows after the JDK's own work in between, and the server waits for it in
        // a second read: a buy to the stub server took 1.5 ms instead of 0.3 ms.
        try (OutputStream out = connection.getOutputStream()) {
          out.write(body);
        }
      }
      int status = connection.getResponseCode();
      if (status < 0) {
        throw new IOException(request.method() + " " + request.uri() + ": the answer is not HTTP");
      }
      String body;
      try (InputStream in =
          status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
        body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      return new Answer(status, body, connection.getHeaderFields());
    } catch (IOException | RuntimeException e) {
      connection.disconnect(); // a connection left half-read must not go back to the pool
      throw e;
    }
  }

  /**
   * @param itemId item
   * @return {@code GET /api/books/{id}}
   */
  public Request lookup(int itemId) {
    return lookup(String.valueOf(itemId));
  }

  /**
   * @param id item id as typed (the store checks it)
   * @return {@code GET /api/books/{id}}
   */
  public Request lookup(String id) {
    return get("/api/books/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
  }

  /**
   * @param number order number as typed
   * @return {@code GET /api/orders/{number}}
   */
  public Request order(String number) {
    return get("/api/orders/" + URLEncoder.encode(number, StandardCharsets.UTF_8));
  }

  /**
   * @param topic exact topic
   * @return {@code GET /api/books?topic=T}
   */
  public Request search(String topic) {
    return get(
        "/api/books?topic=" + URLEncoder.encode(topic, StandardCharsets.UTF_8).replace("+", "%20"));
  }

  /**
   * @param itemId item
   * @return {@code POST /api/orders} for one unit with a fresh idempotency key
   */
  public Request buy(int itemId) {
    return buy(itemId, 1, UUID.randomUUID().toString());
  }

  /**
   * @param itemId item
   * @param quantity units
   * @param idempotencyKey the key to send, or null for the front end to make one
   * @return {@code POST /api/orders}
   */
  public Request buy(int itemId, int quantity, String idempotencyKey) {
    String json = "{\"itemId\":" + itemId + ",\"quantity\":" + quantity + "}";
    Map<String, String> headers =
        idempotencyKey == null
            ? Map.of("Content-Type", JSON)
            : Map.of("Content-Type", JSON, "Idempotency-Key", idempotencyKey);
    return new Request("POST", frontend.resolve("/api/orders"), headers, json, REQUEST_TIMEOUT);
  }

  /**
   * @param itemId item
   * @param quantity units to add
   * @return {@code POST /api/admin/items/{id}/restock}
   */
  public Request restock(int itemId, int quantity) {
    return admin(
        "POST", "/api/admin/items/" + itemId + "/restock", "{\"quantity\":" + quantity + "}");
  }

  /**
   * @param itemId item
   * @param price new unit price
   * @return {@code PUT /api/admin/items/{id}/price}
   */
  public Request setPrice(int itemId, BigDecimal price) {
    return admin(
        "PUT",
        "/api/admin/items/" + itemId + "/price",
        "{\"price\":" + price.toPlainString() + "}");
  }

  /**
   * @param json {@code {title,topic,stock,price}}
   * @return {@code POST /api/admin/items}
   */
  public Request addItem(String json) {
    return admin("POST", "/api/admin/items", json);
  }

  /**
   * @return {@code GET /api/admin/cache}
   */
  public Request cacheState() {
    return admin("GET", "/api/admin/cache", null);
  }

  /**
   * @param enabled whether the front end serves reads from its cache
   * @return {@code PUT /api/admin/cache}
   */
  public Request switchCache(boolean enabled) {
    return admin("PUT", "/api/admin/cache", "{\"enabled\":" + enabled + "}");
  }

  /**
   * @param text what happened, e.g. {@code chaos: kill -9 catalog-3 (primary)}: shown in the admin
   *     page's event list (the front end refuses more than 200 characters with a 400)
   * @return {@code POST /api/admin/events} with {@code {"text": TEXT}}
   */
  public Request recordEvent(String text) {
    String escaped = text.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("\\p{Cntrl}", " ");
    return admin("POST", "/api/admin/events", "{\"text\":\"" + escaped + "\"}");
  }

  /**
   * @return {@code GET /api/admin/replicas} (absent on front ends that predate it)
   */
  public Request replicas() {
    return admin("GET", "/api/admin/replicas", null);
  }

  /**
   * @param baseUrl a replica's base URL
   * @return {@code GET /replica} on that replica, waiting {@link #REPLICA_STATUS_TIMEOUT} at most
   *     for the answer (a dead one must not stall), with the cluster secret from the environment
   *     variable {@code BOOKSTORE_CLUSTER_SECRET} (replicas answer only their cluster)
   */
  public static Request replicaStatus(URI baseUrl) {
    String secret = System.getenv("BOOKSTORE_CLUSTER_SECRET");
    Map<String, String> headers =
        secret == null || secret.isEmpty() ? Map.of() : Map.of("Bookstore-Cluster-Secret", secret);
    return new Request("GET", baseUrl.resolve("/replica"), headers, null, REPLICA_STATUS_TIMEOUT);
  }

  /**
   * @param request a request
   * @return its answer's body when it is 2xx, else null (no answer, or an error status)
   */
  public String bodyIfOk(Request request) {
    try {
      Answer answer = send(request);
      return answer.status() / 100 == 2 ? answer.body() : null;
    } catch (IOException e) {
      return null;
    }
  }

  private Request get(String path) {
    return new Request("GET", frontend.resolve(path), Map.of(), null, REQUEST_TIMEOUT);
  }

  private Request admin(String method, String path, String json) {
    Map<String, String> headers = new HashMap<>(adminLogin);
    if (json != null) {
      headers.put("Content-Type", JSON);
    }
    return new Request(method, frontend.resolve(path), headers, json, REQUEST_TIMEOUT);
  }
}
