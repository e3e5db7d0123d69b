package bookstore.systemtests;

import static bookstore.systemtests.Http.body;
import static bookstore.systemtests.Http.get;
import static bookstore.systemtests.Http.post;
import static bookstore.systemtests.Poll.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bookstore.api.BookSummary;
import bookstore.api.Item;
import bookstore.api.Order;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole store as one EAR on one full Payara Server: {@code ./bookstore server start} unpacks
 * the server into its run directory, starts a domain bound to 127.0.0.1 with a broker of its own,
 * deploys {@code ear/target/bookstore.ear} and prints the URL; a user searches, buys a book and
 * reads the order back through the same public API as on the Micro cluster; {@code server stop}
 * stops the domain and its broker. Runs beside the shared cluster, on ports offset by {@link
 * #PORT_OFFSET} (HTTP 11080, admin 11048, broker 64616).
 */
class EarIT {
  /**
   * Added to the default ports: clear of the shared cluster's (offset {@value
   * Cluster#PORT_OFFSET}).
   */
  static final int PORT_OFFSET = 3000;

  private static Cluster store;
  private static String api;

  @BeforeAll
  static void startTheServer() {
    store = Cluster.separate("target/ear-run", PORT_OFFSET);
    String printed = store.script(Duration.ofMinutes(8), "server", "start");
    assertTrue(
        printed.contains("is ready in") && printed.contains(store.frontendUrl()),
        "start prints the URL once ready: " + printed);
    api = store.frontendUrl() + "/api";
  }

  @AfterAll
  static void stopTheServer() {
    if (store == null) {
      return;
    }
    long pid = serverPid();
    store.script(Duration.ofMinutes(3), "server", "stop");
    await("the server's process " + pid + " to end")
        .atMost(Duration.ofSeconds(30))
        .until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
  }

  private static Path domain() {
    return store.runDir().resolve("server/payara7/glassfish/domains/domain1");
  }

  private static long serverPid() {
    try {
      return Long.parseLong(Files.readString(domain().resolve("config/pid")).strip());
    } catch (IOException e) {
      throw new IllegalStateException("the server wrote no PID", e);
    }
  }

  @Test
  void aUserSearchesBuysAndReadsTheOrderBack() {
    BookSummary[] found =
        body(get(api + "/books?topic=distributed%20systems"), BookSummary[].class);
    assertTrue(found.length > 0, "the seeded catalogue answers a search");
    int id = found[0].id();
    Item before = body(get(api + "/books/" + id), Item.class);

    String key = "ear-it-" + System.nanoTime();
    HttpResponse<String> bought = post(api + "/orders", "{\"itemId\":" + id + "}", key);
    assertEquals(201, bought.statusCode(), "the buy is made: " + bought.body());
    Order order = body(bought, Order.class);
    assertEquals(id, order.itemId());
    assertEquals(before.price(), order.unitPrice(), "sold at the catalogue's price");

    Order read = body(get(api + "/orders/" + order.orderNumber()), Order.class);
    assertEquals(order, read, "the order reads back as it was placed");

    HttpResponse<String> replayed = post(api + "/orders", "{\"itemId\":" + id + "}", key);
    assertEquals(
        order.orderNumber(),
        body(replayed, Order.class).orderNumber(),
        "the same idempotency key gets the same order");
    assertEquals("true", replayed.headers().firstValue("Idempotent-Replayed").orElse(""));

    // the catalog's write reaches the front end's cache through the broker, as on the cluster
    await("the stock of item " + id + " to show the sale")
        .atMost(Duration.ofSeconds(10))
        .until(() -> body(get(api + "/books/" + id), Item.class).stock() == before.stock() - 1);
  }

  @Test
  void everyPortTheServerOpensIsOnLoopback() throws IOException {
    List<String> listening = listeningAddresses(serverPid());
    assertFalse(listening.isEmpty(), "the server listens somewhere");
    for (String address : listening) {
      assertTrue(
          address.equals("0100007F") || address.equals("0000000000000000FFFF00000100007F"),
          "a listening socket bound to " + address + " (hex, /proc/net) instead of 127.0.0.1");
    }
  }

  /**
   * @param pid a process
   * @return the local addresses (hex, as {@code /proc/net/tcp} writes them) of its listening TCP
   *     sockets
   */
  private static List<String> listeningAddresses(long pid) throws IOException {
    Set<String> inodes = new HashSet<>();
    try (var fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
      for (Path fd : fds.toList()) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring(8, target.length() - 1));
          }
        } catch (IOException closedMeanwhile) {
          // the descriptor was closed between the listing and the read
        }
      }
    }
    List<String> addresses = new ArrayList<>();
    for (String table : List.of("tcp", "tcp6")) {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/net/" + table))) {
        String[] columns = line.trim().split("\\s+");
        // local_address rem_address st ... inode; st 0A is LISTEN
        if (columns.length > 9 && columns[3].equals("0A") && inodes.contains(columns[9])) {
          addresses.add(columns[1].substring(0, columns[1].indexOf(':')));
        }
      }
    }
    return addresses;
  }

  /**
   * The EAR reads one configuration for all its modules (Payara Server keeps MicroProfile Config
   * per application): the three WARs' defaults go into it together, so a key two of them define
   * must have one value.
   */
  @Test
  void theWarsDefaultsNeverDisagree() throws IOException {
    Map<String, String> seen = new HashMap<>();
    for (String module : List.of("web-frontend", "catalog-ejb", "order-ejb")) {
      Properties defaults = new Properties();
      Path file =
          store
              .root()
              .resolve(module + "/src/main/resources/META-INF/microprofile-config.properties");
      try (InputStream in = Files.newInputStream(file)) {
        defaults.load(in);
      }
      for (String key : defaults.stringPropertyNames()) {
        String value = defaults.getProperty(key);
        String other = seen.putIfAbsent(key, value);
        assertTrue(
            other == null || other.equals(value),
            key + " is " + other + " in one WAR and " + value + " in " + module);
      }
    }
    assertTrue(seen.containsKey("bookstore.heartbeat.interval-ms"), "the defaults were read");
  }
}
