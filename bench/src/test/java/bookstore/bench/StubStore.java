package bookstore.bench;

import bookstore.bench.store.NodeCpu;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the front end on 127.0.0.1 (ephemeral port) that answers the few calls the
 * benchmark makes, with a cache that behaves like the real one: a lookup fills it, a write to the
 * item empties it, {@code X-Served-By} says which. Items start with {@code stock} units; an unknown
 * item answers 404.
 */
final class StubStore implements AutoCloseable {
  private static final Pattern LOOKUP = Pattern.compile("/api/books/(\\d+)");
  private static final Pattern ITEM_WRITE =
      Pattern.compile("/api/admin/items/(\\d+)/(restock|price)");
  private static final Pattern NUMBER =
      Pattern.compile("\"(quantity|price|itemId|stock)\"\\s*:\\s*([0-9.]+)");

  private final HttpServer server;
  private final Map<Integer, Integer> stock = new ConcurrentHashMap<>();
  private final Map<Integer, BigDecimal> prices = new ConcurrentHashMap<>();
  private final Map<Integer, Boolean> cached = new ConcurrentHashMap<>();
  private final AtomicInteger nextId = new AtomicInteger(100);
  private volatile boolean cacheEnabled = true;

  /** Every {@code PUT /api/admin/cache} body, in order. */
  final List<String> cacheSwitches = new CopyOnWriteArrayList<>();

  /** Every {@code POST /api/orders}, in order of arrival. */
  final Queue<Order> orders = new ConcurrentLinkedQueue<>();

  /**
   * A buy as the stub received it.
   *
   * @param idempotencyKey its {@code Idempotency-Key} header, or null
   * @param contentType its {@code Content-Type} header, or null
   * @param body its body
   * @param status the status answered
   */
  record Order(String idempotencyKey, String contentType, String body, int status) {}

  static {
    // answer headers and body without waiting for the client's delayed ACK (Nagle): 40 ms otherwise
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  /**
   * @param items ids of the items to hold
   * @param units their stock (items)
   */
  StubStore(List<Integer> items, int units) throws IOException {
    items.forEach(
        id -> {
          stock.put(id, units);
          prices.put(id, BigDecimal.TEN);
        });
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * @param itemId an item
   * @return its stock now (items), null for an unknown item
   */
  Integer stock(int itemId) {
    return stock.get(itemId);
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /**
   * A benchmark of this stub that prints its tables into {@code printed} and measures the nodes of
   * the run directory {@code run}, which it sets up: this JVM (it runs the stub) as the front end,
   * and a directory without a pid file (no process) for each of {@code stopped}.
   *
   * @throws IOException when the run directory cannot be written
   */
  Benchmark benchmark(Path run, ByteArrayOutputStream printed, String... stopped)
      throws IOException {
    Files.createDirectories(run.resolve("frontend"));
    Files.writeString(run.resolve("frontend/pid"), Long.toString(ProcessHandle.current().pid()));
    for (String node : stopped) {
      Files.createDirectories(run.resolve(node));
    }
    NodeCpu nodes =
        new NodeCpu(Optional.of(run), Path.of("/proc"), NodeCpu.DEFAULT_TICKS_PER_SECOND);
    return new Benchmark(
        url(), new PrintStream(printed, true, StandardCharsets.UTF_8), null, nodes);
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Matcher lookup = LOOKUP.matcher(path);
    Matcher write = ITEM_WRITE.matcher(path);
    if (method.equals("GET") && lookup.matches()) {
      int id = Integer.parseInt(lookup.group(1));
      if (!stock.containsKey(id)) {
        answer(exchange, 404, "{\"status\":404,\"title\":\"Not Found\"}");
        return;
      }
      boolean hit = cacheEnabled && cached.put(id, true) != null;
      exchange.getResponseHeaders().add("X-Served-By", hit ? "cache" : "catalog-1");
      answer(exchange, 200, item(id));
    } else if (method.equals("GET") && path.equals("/api/books")) {
      exchange.getResponseHeaders().add("X-Served-By", "catalog-1");
      answer(exchange, 200, "[{\"id\":1,\"title\":\"t\"}]");
    } else if (method.equals("POST") && path.equals("/api/orders")) {
      int id = number(body, "itemId").intValue();
      String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      if (!stock.containsKey(id)) {
        orders.add(new Order(key, contentType, body, 404));
        answer(exchange, 404, "{\"status\":404}");
        return;
      }
      int[] before = {0};
      stock.computeIfPresent(
          id,
          (k, units) -> {
            before[0] = units;
            return units > 0 ? units - 1 : units;
          });
      cached.remove(id);
      orders.add(new Order(key, contentType, body, before[0] > 0 ? 201 : 409));
      answer(
          exchange,
          before[0] > 0 ? 201 : 409,
          "{\"orderNumber\":1,\"itemId\":" + id + ",\"quantity\":1,\"unitPrice\":10}");
    } else if (method.equals("POST") && path.equals("/api/admin/items")) {
      int id = nextId.incrementAndGet();
      stock.put(id, number(body, "stock").intValue());
      prices.put(id, number(body, "price"));
      answer(exchange, 201, item(id));
    } else if (write.matches()) {
      int id = Integer.parseInt(write.group(1));
      if (write.group(2).equals("restock")) {
        stock.merge(id, number(body, "quantity").intValue(), Integer::sum);
      } else {
        prices.put(id, number(body, "price"));
      }
      cached.remove(id);
      answer(exchange, 200, item(id));
    } else if (path.equals("/api/admin/cache")) {
      if (method.equals("PUT")) {
        cacheSwitches.add(body.replace(" ", ""));
        cacheEnabled = body.contains("true");
        if (!cacheEnabled) {
          cached.clear();
        }
      }
      answer(exchange, 200, "{\"enabled\":" + cacheEnabled + ",\"hits\":0,\"misses\":0}");
    } else if (path.equals("/api/admin/replicas")) {
      answer(
          exchange,
          200,
          "[{\"service\":\"catalog\",\"replicaId\":1,\"url\":\""
              + url()
              + "\",\"state\":\"alive\",\"primary\":true},"
              + "{\"service\":\"order\",\"replicaId\":1,\"url\":\""
              + url()
              + "\",\"state\":\"alive\",\"primary\":true}]");
    } else {
      answer(exchange, 404, "{\"status\":404}");
    }
  }

  private String item(int id) {
    return "{\"id\":"
        + id
        + ",\"title\":\"item "
        + id
        + "\",\"topic\":\"bench\",\"stock\":"
        + stock.get(id)
        + ",\"price\":"
        + prices.get(id).toPlainString()
        + "}";
  }

  private static BigDecimal number(String json, String field) {
    Matcher m = NUMBER.matcher(json);
    while (m.find()) {
      if (m.group(1).equals(field)) {
        return new BigDecimal(m.group(2));
      }
    }
    throw new IllegalArgumentException("no " + field + " in " + json);
  }

  private static void answer(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
