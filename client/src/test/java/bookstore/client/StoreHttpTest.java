package bookstore.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link StoreHttp} against a JDK HttpServer that records what it receives and from which client
 * port: requests go out as built, answers of any status come back whole, and connections are reused
 * (after a 404 too, and with more than the JDK's default 5 concurrent clients).
 */
class StoreHttpTest {
  /** What the server received. */
  record Received(
      String method,
      String path,
      String query,
      String contentType,
      String idempotencyKey,
      String body,
      int clientPort,
      String authorization) {}

  private HttpServer server;
  private ExecutorService serverThreads;
  private final List<Received> received = new CopyOnWriteArrayList<>();

  /** Holds every request to {@code /gate} until counted down. */
  private volatile CountDownLatch release = new CountDownLatch(0);

  /** Counted down by every request to {@code /gate} as it arrives. */
  private volatile CountDownLatch arrived = new CountDownLatch(0);

  private StoreHttp http;

  /** {@code Basic} + base64 of {@code admin:s3cret} (RFC 7617). */
  private static final String BASIC_ADMIN = "Basic YWRtaW46czNjcmV0";

  @BeforeEach
  void start() throws IOException {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    serverThreads = Executors.newFixedThreadPool(32);
    server.setExecutor(serverThreads);
    server.createContext("/", this::handle);
    server.start();
    http = new StoreHttp(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "s3cret");
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
    serverThreads.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    URI uri = exchange.getRequestURI();
    received.add(
        new Received(
            exchange.getRequestMethod(),
            uri.getRawPath(),
            uri.getRawQuery(),
            exchange.getRequestHeaders().getFirst("Content-Type"),
            exchange.getRequestHeaders().getFirst("Idempotency-Key"),
            body,
            exchange.getRemoteAddress().getPort(),
            exchange.getRequestHeaders().getFirst("Authorization")));
    String path = uri.getPath();
    if (path.equals("/gate")) {
      arrived.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    int status = path.equals("/api/books/404") ? 404 : path.equals("/api/orders") ? 201 : 200;
    byte[] answer = ("{\"path\":\"" + path + "\"}").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("X-Served-By", "cache");
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, answer.length);
    exchange.getResponseBody().write(answer);
    exchange.close();
  }

  @Test
  void sendsTheRequestsAsBuilt() throws IOException {
    http.send(http.buy(7, 2, "key-1"));
    http.send(http.setPrice(3, new BigDecimal("12.50")));
    http.send(http.search("distributed systems"));
    http.send(http.lookup("a b"));

    assertEquals(
        new Received(
            "POST",
            "/api/orders",
            null,
            "application/json",
            "key-1",
            "{\"itemId\":7,\"quantity\":2}",
            port(0),
            null),
        received.get(0));
    assertEquals(
        new Received(
            "PUT",
            "/api/admin/items/3/price",
            null,
            "application/json",
            null,
            "{\"price\":12.50}",
            port(0),
            BASIC_ADMIN),
        received.get(1));
    assertEquals("topic=distributed%20systems", received.get(2).query());
    assertEquals("GET", received.get(2).method());
    assertEquals("", received.get(2).body());
    assertEquals(
        null, received.get(2).authorization(), "the public API is called without the admin login");
    assertEquals("/api/books/a+b", received.get(3).path());
  }

  @Test
  void answersOfAnyStatusComeBackWholeWithTheirHeaders() throws IOException {
    StoreHttp.Answer found = http.send(http.lookup(1));
    StoreHttp.Answer missing = http.send(http.lookup(404));
    StoreHttp.Answer created = http.send(http.buy(1));

    assertEquals(200, found.status());
    assertEquals("{\"path\":\"/api/books/1\"}", found.body());
    assertEquals(Optional.of("cache"), found.header("x-served-by"), "header names in any case");
    assertEquals(Optional.of("cache"), found.header("X-SERVED-BY"));
    assertEquals(Optional.empty(), found.header("Idempotent-Replayed"));
    assertEquals(404, missing.status());
    assertEquals(
        "{\"path\":\"/api/books/404\"}",
        missing.body(),
        "the error body, read from the error stream");
    assertEquals(201, created.status());
    assertEquals("{\"path\":\"/api/books/1\"}", http.bodyIfOk(http.lookup(1)));
    assertEquals(null, http.bodyIfOk(http.lookup(404)));
  }

  @Test
  void oneClientReusesOneConnectionAfterErrorsToo() throws IOException {
    for (int i = 0; i < 20; i++) {
      http.send(http.lookup(i % 2 == 0 ? 1 : 404));
      http.send(http.buy(1));
    }
    assertEquals(
        1,
        received.stream().map(Received::clientPort).distinct().count(),
        "one connection for 40 requests: " + ports());
  }

  @Test
  void moreConcurrentClientsThanTheJdksDefaultKeepTheirConnections() throws Exception {
    int clients = 16;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      for (int round = 0; round < 5; round++) {
        // all 16 requests are in flight at once, so each round needs 16 connections
        release = new CountDownLatch(1);
        arrived = new CountDownLatch(clients);
        List<Future<StoreHttp.Answer>> answers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
          answers.add(
              pool.submit(
                  () ->
                      http.send(
                          new StoreHttp.Request(
                              "GET",
                              http.frontend().resolve("/gate"),
                              Map.of(),
                              null,
                              Duration.ofSeconds(10)))));
        }
        assertTrue(
            arrived.await(10, TimeUnit.SECONDS), "all " + clients + " requests in flight at once");
        release.countDown();
        for (Future<StoreHttp.Answer> answer : answers) {
          assertEquals(200, answer.get(10, TimeUnit.SECONDS).status());
        }
      }
    } finally {
      pool.shutdownNow();
    }
    Set<Integer> ports = ConcurrentHashMap.newKeySet();
    received.forEach(r -> ports.add(r.clientPort()));
    assertEquals(80, received.size());
    assertEquals(
        clients,
        ports.size(),
        "16 connections opened once and kept (http.maxConnections "
            + System.getProperty("http.maxConnections")
            + ")");
  }

  @Test
  void aBuyDoesNotWaitForADelayedAck() throws IOException {
    // the JDK writes headers and body in two writes; were the body held back by Nagle's
    // algorithm until the server's delayed ACK, every buy would take 40 ms more
    http.send(http.buy(1));
    long start = System.nanoTime();
    for (int i = 0; i < 20; i++) {
      assertEquals(201, http.send(http.buy(1)).status());
    }
    long meanMs = (System.nanoTime() - start) / 20 / 1_000_000;
    assertTrue(meanMs < 20, "a buy took " + meanMs + " ms on average");
  }

  @Test
  void noAnswerIsAnIOException() throws IOException {
    release = new CountDownLatch(1); // the answer is held until the request has timed out
    StoreHttp.Request slow =
        new StoreHttp.Request(
            "GET", http.frontend().resolve("/gate"), Map.of(), null, Duration.ofMillis(200));
    long start = System.nanoTime();
    assertThrows(IOException.class, () -> http.send(slow), "timed out");
    assertTrue(
        System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1),
        "after the request's timeout, not the server's answer");
    release.countDown();
    assertEquals(
        200, http.send(http.lookup(1)).status(), "the next request gets a fresh connection");

    URI nowhere = http.frontend();
    server.stop(0);
    StoreHttp gone = new StoreHttp(nowhere);
    assertThrows(IOException.class, () -> gone.send(gone.lookup(1)), "refused");
    assertEquals(null, gone.bodyIfOk(gone.lookup(1)));
  }

  @Test
  void aBuyThatGetsNoAnswerIsNotSentAgain() throws Exception {
    AtomicInteger posts = new AtomicInteger();
    try (ServerSocket dropper = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread accepter =
          new Thread(
              () -> {
                while (!dropper.isClosed()) {
                  try (Socket socket = dropper.accept()) {
                    byte[] read = new byte[4096];
                    int n = socket.getInputStream().read(read);
                    if (n > 0
                        && new String(read, 0, n, StandardCharsets.US_ASCII).startsWith("POST")) {
                      posts.incrementAndGet();
                    }
                    // closed without an answer
                  } catch (IOException closed) {
                    return;
                  }
                }
              });
      accepter.setDaemon(true);
      accepter.start();
      StoreHttp nowhere = new StoreHttp(URI.create("http://127.0.0.1:" + dropper.getLocalPort()));

      // the dropper counts a POST before it closes that connection, and the JDK would resend
      // before send() gives up: every POST is counted by the time the exception arrives
      assertThrows(IOException.class, () -> nowhere.send(nowhere.buy(1)));
      assertEquals(1, posts.get(), "the buy was sent once");
    }
  }

  @Test
  void replicaStatusWaitsTwoSeconds() {
    StoreHttp.Request status = StoreHttp.replicaStatus(URI.create("http://127.0.0.1:8081"));
    assertEquals(URI.create("http://127.0.0.1:8081/replica"), status.uri());
    assertEquals(Duration.ofSeconds(2), status.timeout());
    assertEquals(StoreHttp.REQUEST_TIMEOUT, http.lookup(1).timeout());
  }

  private int port(int request) {
    return received.get(request).clientPort();
  }

  private List<Integer> ports() {
    return received.stream().map(Received::clientPort).toList();
  }
}
