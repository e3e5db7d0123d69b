package bookstore.systemtests;

import static bookstore.systemtests.Http.body;
import static bookstore.systemtests.Http.get;
import static bookstore.systemtests.Http.post;
import static bookstore.systemtests.Poll.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bookstore.api.Item;
import bookstore.api.Order;
import bookstore.api.internal.ItemRead;
import bookstore.api.internal.PlacedOrder;
import bookstore.api.internal.ReplicaStatus;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Replication through Artemis on real nodes (three catalog and three order replicas): no oversell
 * whichever front-end path the buyers take, convergence of every replica after mixed concurrent
 * writes, exactly-once buys under a repeated idempotency key, recovery of a killed and of a wiped
 * backup, and read-your-writes with reads landing on backups (SPEC guarantees 1 to 5).
 */
@ClusterTest
class ReplicationIT {
  private final Cluster cluster;
  private final String api;

  ReplicationIT(Cluster cluster) {
    this.cluster = cluster;
    this.api = cluster.frontendUrl() + "/api";
  }

  private Item addItem(String title, int stock) {
    String json =
        "{\"title\":\""
            + title
            + "\",\"topic\":\"replication\",\"stock\":"
            + stock
            + ",\"price\":2.00}";
    return body(Http.admin("POST", api + "/admin/items", json), Item.class);
  }

  private HttpResponse<String> buy(int itemId, int quantity, String key) {
    return post(api + "/orders", "{\"itemId\":" + itemId + ",\"quantity\":" + quantity + "}", key);
  }

  private static ReplicaStatus status(String baseUrl) {
    return body(Http.node(baseUrl + "/replica"), ReplicaStatus.class);
  }

  private static int stockOn(String catalogUrl, int itemId) {
    return body(Http.node(catalogUrl + "/catalog/items/" + itemId), ItemRead.class).item().stock();
  }

  /**
   * A write that reaches a backup is made by the primary (SPEC "Replication": a backup forwards
   * it), once: a stock change sent to catalog-1 and an order placed at order-1, both backups,
   * answer with the primary's answer, and every replica then holds the one write.
   */
  @Test
  void aWriteSentToABackupIsMadeOnceByThePrimary() {
    Item item = addItem("Forwarded " + UUID.randomUUID(), 10);
    ReplicaStatus backup = status(cluster.catalogUrl(1));
    assertEquals("BACKUP", backup.role(), "catalog-1 is a backup");
    String key = "forwarded-" + UUID.randomUUID();
    HttpResponse<String> taken =
        Http.nodePost(
            cluster.catalogUrl(1) + "/catalog/items/" + item.id() + "/decrement",
            "{\"quantity\":2,\"idempotencyKey\":\"" + key + "\"}");
    assertEquals(200, taken.statusCode(), taken.body());
    ReplicaStatus converged = cluster.awaitConvergence("catalog");
    assertTrue(converged.lastSequence() > backup.lastSequence(), "the primary sequenced the write");
    for (String replica : cluster.replicaUrls("catalog")) {
      assertEquals(8, stockOn(replica, item.id()), "2 taken once, on " + replica);
    }

    assertEquals("BACKUP", status(cluster.orderUrl(1)).role(), "order-1 is a backup");
    HttpResponse<String> placed =
        Http.nodePost(
            cluster.orderUrl(1) + "/orders",
            "{\"itemId\":"
                + item.id()
                + ",\"quantity\":1,\"idempotencyKey\":\"placed-"
                + UUID.randomUUID()
                + "\"}");
    assertEquals(200, placed.statusCode(), placed.body());
    Order order = body(placed, PlacedOrder.class).order();
    cluster.awaitConvergence("order");
    assertEquals(
        order,
        body(get(api + "/orders/" + order.orderNumber()), Order.class),
        "the front end reads the order");
    assertEquals(
        7, body(get(api + "/books/" + item.id()), Item.class).stock(), "and the stock it took");
  }

  @Test
  void fiftyBuyersOverEveryFrontEndPathAgainstStockTenGetExactlyTenOrders() throws Exception {
    String title = "Ten left " + UUID.randomUUID();
    Item item = addItem(title, 10);
    String front = cluster.frontendUrl();
    String toyBody = "{\"name\":\"" + title + "\",\"quantity\":1}";
    List<Callable<HttpResponse<String>>> buyers = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      switch (i % 4) {
        case 0 -> buyers.add(() -> buy(item.id(), 1, UUID.randomUUID().toString()));
        case 1 -> buyers.add(() -> get(front + "/buy?item_number=" + item.id()));
        case 2 -> buyers.add(() -> post(front + "/buy?item_number=" + item.id(), ""));
        default -> buyers.add(() -> post(front + "/orders", toyBody));
      }
    }
    List<HttpResponse<String>> answers = Concurrently.run(buyers, 120);

    List<Long> orderNumbers = new ArrayList<>();
    int refused = 0;
    for (HttpResponse<String> answer : answers) {
      if (answer.statusCode() / 100 == 2) {
        orderNumbers.add(orderNumberOf(answer));
      } else {
        assertEquals(409, answer.statusCode(), answer.uri() + " " + answer.body());
        refused++;
      }
    }
    assertEquals(10, orderNumbers.size(), "orders");
    assertEquals(40, refused, "refused buys");
    assertEquals(10, Set.copyOf(orderNumbers).size(), "order numbers are unique");

    cluster.awaitConvergence("catalog");
    for (String replica : cluster.replicaUrls("catalog")) {
      assertEquals(0, stockOn(replica, item.id()), "stock on " + replica);
    }
    cluster.awaitConvergence("order");
    for (String replica : cluster.replicaUrls("order")) {
      for (long number : orderNumbers) {
        HttpResponse<String> order = Http.node(replica + "/orders/" + number);
        assertEquals(200, order.statusCode(), "order " + number + " on " + replica);
        assertTrue(order.body().contains("\"itemId\":" + item.id()), order.body());
      }
    }
  }

  private static long orderNumberOf(HttpResponse<String> answer) {
    Map<?, ?> json = Http.JSON.fromJson(answer.body(), Map.class);
    Object data = json.get("data");
    Object number =
        data instanceof Map<?, ?> toy ? toy.get("order_number") : json.get("orderNumber");
    return ((Number) number).longValue();
  }

  @Test
  void aThousandMixedWritesFromEightClientsLeaveEveryReplicaAtTheSameSequenceAndDigest()
      throws Exception {
    // items of its own: the seeded books keep their prices for the other tests on this cluster
    List<Integer> items = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      items.add(addItem("Mixed writes " + UUID.randomUUID(), 1_000).id());
    }
    long catalogBefore = status(cluster.catalogUrl(Cluster.REPLICAS)).lastSequence();
    AtomicInteger catalogWrites = new AtomicInteger();
    List<Callable<Integer>> clients = new ArrayList<>();
    for (int c = 0; c < 8; c++) {
      long seed = c;
      clients.add(
          () -> {
            Random random = new Random(seed);
            int failures = 0;
            for (int i = 0; i < 125; i++) {
              int itemId = items.get(random.nextInt(items.size()));
              HttpResponse<String> answer =
                  switch (random.nextInt(3)) {
                    case 0 -> buy(itemId, 1, UUID.randomUUID().toString());
                    case 1 ->
                        Http.admin(
                            "POST",
                            api + "/admin/items/" + itemId + "/restock",
                            "{\"quantity\":" + (1 + random.nextInt(3)) + "}");
                    default ->
                        Http.admin(
                            "PUT",
                            api + "/admin/items/" + itemId + "/price",
                            "{\"price\":" + (5 + random.nextInt(20)) + ".25}");
                  };
              if (answer.statusCode() / 100 == 2) {
                catalogWrites.incrementAndGet();
              } else {
                failures++;
              }
            }
            return failures;
          });
    }
    List<Integer> failures = Concurrently.run(clients, 300);
    assertEquals(List.of(0, 0, 0, 0, 0, 0, 0, 0), failures, "failed writes per client");

    ReplicaStatus catalog = cluster.awaitConvergence("catalog");
    ReplicaStatus order = cluster.awaitConvergence("order");
    assertEquals(catalogBefore + 1000, catalog.lastSequence(), "one catalog write per request");
    assertTrue(order.lastSequence() > 0);
    assertEquals(1000, catalogWrites.get());
  }

  @Test
  void aBuyRetriedWithTheSameKeyMakesOneOrderWhetherSentTwiceOrConcurrently() throws Exception {
    Item item = addItem("Retried " + UUID.randomUUID(), 100);
    String key = UUID.randomUUID().toString();
    HttpResponse<String> first = buy(item.id(), 2, key);
    HttpResponse<String> second = buy(item.id(), 2, key);
    assertEquals(201, first.statusCode(), first.body());
    assertEquals(body(first, Order.class), body(second, Order.class));
    assertEquals("true", second.headers().firstValue("Idempotent-Replayed").orElse(""));

    String concurrentKey = UUID.randomUUID().toString();
    List<Callable<HttpResponse<String>>> repeats = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      repeats.add(() -> buy(item.id(), 3, concurrentKey));
    }
    List<Long> numbers =
        Concurrently.run(repeats, 60).stream()
            .map(r -> body(r, Order.class).orderNumber())
            .distinct()
            .toList();
    assertEquals(1, numbers.size(), "one order for ten concurrent sends: " + numbers);

    cluster.awaitConvergence("catalog");
    for (String replica : cluster.replicaUrls("catalog")) {
      assertEquals(
          100 - 2 - 3, stockOn(replica, item.id()), "stock taken once per key on " + replica);
    }
  }

  @Test
  void aBackupKilledDuringWritesCatchesUpFromItsDurableSubscription() throws Exception {
    Item item = addItem("Written while a backup is down " + UUID.randomUUID(), 10_000);
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger failed = new AtomicInteger();
    Thread writer =
        new Thread(
            () -> {
              for (int i = 0; i < 2_000 && writing.get(); i++) {
                if (buy(item.id(), 1, UUID.randomUUID().toString()).statusCode() != 201) {
                  failed.incrementAndGet();
                }
              }
            });
    writer.start();
    try {
      await("some writes")
          .atMost(Duration.ofSeconds(30))
          .until(() -> stockOn(cluster.catalogUrl(Cluster.REPLICAS), item.id()), s -> s < 9_980);
      cluster.kill("catalog-1");
      cluster.kill("order-1");
      int stockAtKill = stockOn(cluster.catalogUrl(Cluster.REPLICAS), item.id());
      await("writes while the backups are down")
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> stockOn(cluster.catalogUrl(Cluster.REPLICAS), item.id()),
              s -> s < stockAtKill - 20);
      cluster.restart("catalog-1");
      cluster.restart("order-1");
    } finally {
      writing.set(false);
      writer.join(60_000);
    }
    assertEquals(0, failed.get(), "buys failed while only backups were down");
    ReplicaStatus catalog = cluster.awaitConvergence("catalog");
    cluster.awaitConvergence("order");
    assertEquals(status(cluster.catalogUrl(Cluster.REPLICAS)).digest(), catalog.digest());
  }

  @Test
  void aBackupWhoseDatabaseWasDeletedRebuildsFromASnapshotAndFollowsTheTopic() throws Exception {
    Item item = addItem("Snapshot " + UUID.randomUUID(), 500);
    for (int i = 0; i < 5; i++) {
      assertEquals(201, buy(item.id(), 1, UUID.randomUUID().toString()).statusCode());
    }
    cluster.kill("catalog-2");
    deleteTree(cluster.runDir().resolve("catalog-2").resolve("db"));
    for (int i = 0; i < 5; i++) {
      assertEquals(201, buy(item.id(), 1, UUID.randomUUID().toString()).statusCode());
    }
    long primaryAtRestart = status(cluster.catalogUrl(Cluster.REPLICAS)).lastSequence();
    cluster.restart("catalog-2");
    assertTrue(
        status(cluster.catalogUrl(2)).lastSequence() >= primaryAtRestart,
        "./bookstore restart returned before catalog-2 had caught up with the primary (readiness)");
    assertEquals(
        490,
        stockOn(cluster.catalogUrl(2), item.id()),
        "ready means the stock is there, without waiting more");
    cluster.awaitConvergence("catalog");

    assertEquals(201, buy(item.id(), 1, UUID.randomUUID().toString()).statusCode());
    cluster.awaitConvergence("catalog");
    assertEquals(
        489, stockOn(cluster.catalogUrl(2), item.id()), "it follows the topic after the snapshot");
  }

  @Test
  void aBuyerSeesItsOwnWrite500TimesInARowWithReadsLandingOnBackups() {
    Item item = addItem("Read your writes " + UUID.randomUUID(), 1_000);
    Map<String, Integer> servedBy = new HashMap<>();
    for (int i = 1; i <= 500; i++) {
      HttpResponse<String> bought = buy(item.id(), 1, UUID.randomUUID().toString());
      assertEquals(201, bought.statusCode(), bought.body());
      HttpResponse<String> looked = get(api + "/books/" + item.id());
      assertEquals(
          1_000 - i, body(looked, Item.class).stock(), "lookup " + i + " right after buy " + i);
      servedBy.merge(looked.headers().firstValue("X-Served-By").orElse("?"), 1, Integer::sum);
    }
    int onBackups = servedBy.getOrDefault("catalog-1", 0) + servedBy.getOrDefault("catalog-2", 0);
    assertTrue(onBackups >= 100, "reads served by backups: " + servedBy);
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.delete(p);
      }
    }
  }
}
