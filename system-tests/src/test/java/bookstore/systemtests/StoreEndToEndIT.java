package bookstore.systemtests;

import static bookstore.systemtests.Http.body;
import static bookstore.systemtests.Http.get;
import static bookstore.systemtests.Http.post;
import static bookstore.systemtests.Poll.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bookstore.api.BookSummary;
import bookstore.api.Item;
import bookstore.api.Order;
import bookstore.api.Problem;
import bookstore.api.internal.ItemRead;
import bookstore.api.internal.ReplicaStatus;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The store end to end on real nodes (broker, front end, three catalog and three order replicas),
 * started by {@code ./bookstore start}: the public API, its errors, cache invalidation through
 * Artemis, no oversell under concurrent buyers, and durability across {@code kill -9}.
 */
@ClusterTest
class StoreEndToEndIT {
  private final Cluster cluster;
  private final String api;

  StoreEndToEndIT(Cluster cluster) {
    this.cluster = cluster;
    this.api = cluster.frontendUrl() + "/api";
  }

  private Item lookup(int id) {
    return body(get(api + "/books/" + id), Item.class);
  }

  private Item addItem(String title, int stock) {
    return body(
        Http.admin(
            "POST",
            api + "/admin/items",
            "{\"title\":\""
                + title
                + "\",\"topic\":\"e2e\",\"stock\":"
                + stock
                + ",\"price\":4.50}"),
        Item.class);
  }

  private HttpResponse<String> buy(int itemId, int quantity) {
    return post(api + "/orders", "{\"itemId\":" + itemId + ",\"quantity\":" + quantity + "}");
  }

  private static ReplicaStatus replica(String baseUrl) {
    return body(Http.node(baseUrl + "/replica"), ReplicaStatus.class);
  }

  /**
   * @return where a replica's state stands: sequence and digest (its epoch moves with failovers)
   */
  private static String position(String baseUrl) {
    ReplicaStatus status = replica(baseUrl);
    return status.lastSequence() + "/" + status.digest();
  }

  /**
   * "Ready means a user's first request succeeds": the moment {@code ./bookstore restart frontend}
   * returns, a lookup, a search and a buy each succeed (no 404 page from a web module not yet
   * routed, no 503 from a front end that knows no primary yet).
   */
  @Test
  void theFirstRequestsAfterTheFrontEndSaysReadySucceed() {
    cluster.restart("frontend");
    HttpResponse<String> lookup = get(api + "/books/3");
    HttpResponse<String> search = get(api + "/books?topic=graduate%20school");
    HttpResponse<String> bought = buy(3, 1);
    assertEquals(200, lookup.statusCode(), lookup.body());
    assertEquals(200, search.statusCode(), search.body());
    assertEquals(201, bought.statusCode(), bought.body());
  }

  @Test
  void searchListsTheBooksOfATopic() {
    BookSummary[] hits = body(get(api + "/books?topic=distributed%20systems"), BookSummary[].class);
    assertEquals(
        Map.of(
            1, "How to get a good grade in 677 in 20 minutes a day",
            2, "RPCs for Dummies",
            5, "How to finish Project 3 on time"),
        List.of(hits).stream().collect(Collectors.toMap(BookSummary::id, BookSummary::title)));
    assertEquals(0, body(get(api + "/books?topic=astrology"), BookSummary[].class).length);
  }

  @Test
  void lookupShowsTitleTopicStockAndPrice() {
    Item book = lookup(2);
    assertEquals("RPCs for Dummies", book.title());
    assertEquals("distributed systems", book.topic());
    assertEquals(new BigDecimal("15.50"), book.price());
    assertTrue(book.stock() >= 0);
  }

  @Test
  void aBuyIsAcknowledgedQueryableAndVisibleInTheNextLookup() {
    int before = lookup(4).stock();
    HttpResponse<String> bought = buy(4, 2);
    assertEquals(201, bought.statusCode(), bought.body());
    Order order = body(bought, Order.class);
    assertEquals(4, order.itemId());
    assertEquals(2, order.quantity());
    assertEquals(new BigDecimal("12.75"), order.unitPrice());
    assertEquals(
        "/api/orders/" + order.orderNumber(),
        bought.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", ""));

    assertEquals(order, body(get(api + "/orders/" + order.orderNumber()), Order.class));
    assertEquals(before - 2, lookup(4).stock(), "read your write: the cached entry was dropped");
  }

  @Test
  void badInputIsRefusedWithAProblemAndChangesNothing() {
    String catalogBefore = position(cluster.catalogUrl(Cluster.REPLICAS));
    String orderBefore = position(cluster.orderUrl(Cluster.REPLICAS));
    record Case(String what, HttpResponse<String> response, int status) {}
    List<Case> cases =
        List.of(
            new Case("non-numeric id", get(api + "/books/abc"), 400),
            new Case("negative id", get(api + "/books/-3"), 400),
            new Case("zero id", get(api + "/books/0"), 400),
            new Case("id beyond int", get(api + "/books/99999999999"), 400),
            new Case("unknown id", get(api + "/books/424242"), 404),
            new Case("search without topic", get(api + "/books"), 400),
            new Case("buy unknown item", buy(424242, 1), 404),
            new Case("buy quantity 0", buy(1, 0), 400),
            new Case("buy negative quantity", buy(1, -2), 400),
            new Case("buy negative item", buy(-1, 1), 400),
            new Case("buy out of stock", buy(3, 1_000_000), 409),
            new Case("malformed JSON", post(api + "/orders", "{\"itemId\": 1,"), 400),
            new Case("itemId not a number", post(api + "/orders", "{\"itemId\":\"one\"}"), 400),
            new Case("empty body", post(api + "/orders", ""), 400),
            new Case("JSON array body", post(api + "/orders", "[1,2]"), 400),
            new Case("non-numeric order number", get(api + "/orders/x1"), 400),
            new Case("unknown order", get(api + "/orders/987654321"), 404));
    for (Case c : cases) {
      assertEquals(c.status(), c.response().statusCode(), c.what() + ": " + c.response().body());
      assertEquals(
          "application/problem+json",
          c.response().headers().firstValue("Content-Type").orElse(""),
          c.what());
      Problem problem = Http.JSON.fromJson(c.response().body(), Problem.class);
      assertEquals(c.status(), problem.status(), c.what());
      assertTrue(
          problem.detail() != null && !problem.detail().isBlank(), c.what() + " explains itself");
    }
    assertEquals(
        catalogBefore, position(cluster.catalogUrl(Cluster.REPLICAS)), "no catalog write happened");
    assertEquals(
        orderBefore, position(cluster.orderUrl(Cluster.REPLICAS)), "no order write happened");
  }

  @Test
  void aCatalogWriteBehindTheFrontEndsBackInvalidatesItsCachedLookup() {
    int stock = lookup(6).stock();
    assertEquals(stock, lookup(6).stock());
    // write to the catalog node directly: only the write's message on catalog.updates tells the
    // front end
    HttpResponse<String> taken =
        Http.nodePost(
            cluster.catalogUrl(1) + "/catalog/items/6/decrement",
            "{\"quantity\":1,\"idempotencyKey\":\"" + java.util.UUID.randomUUID() + "\"}");
    assertEquals(200, taken.statusCode(), taken.body());
    await("the front end serving the new stock")
        .atMost(Duration.ofSeconds(10))
        .until(() -> lookup(6).stock(), s -> s == stock - 1);
  }

  @Test
  void twentyConcurrentBuyersAgainstStockFiveGetExactlyFiveOrders() throws Exception {
    Item item = addItem("Five copies left", 5);
    int buyers = 20;
    ExecutorService pool = Executors.newFixedThreadPool(buyers);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<HttpResponse<String>>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < buyers; i++) {
        answers.add(
            pool.submit(
                () -> {
                  go.await();
                  return buy(item.id(), 1);
                }));
      }
      go.countDown();
      List<Order> orders = new ArrayList<>();
      int refused = 0;
      for (Future<HttpResponse<String>> answer : answers) {
        HttpResponse<String> response = answer.get();
        if (response.statusCode() == 201) {
          orders.add(body(response, Order.class));
        } else {
          assertEquals(409, response.statusCode(), response.body());
          refused++;
        }
      }
      assertEquals(5, orders.size());
      assertEquals(15, refused);
      Set<Long> numbers =
          orders.stream().map(Order::orderNumber).collect(Collectors.toCollection(TreeSet::new));
      assertEquals(5, numbers.size(), "order numbers are unique");
      for (Order order : orders) {
        assertEquals(order, body(get(api + "/orders/" + order.orderNumber()), Order.class));
      }
      assertEquals(0, lookup(item.id()).stock());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theCommandLineClientBuysAndTheNextLookupShowsTheStockOneLower() {
    int before = lookup(5).stock();
    String bought = cluster.script(Duration.ofSeconds(60), "buy", "5");
    assertTrue(bought.startsWith("order "), bought);
    String json = cluster.script(Duration.ofSeconds(60), "lookup", "5", "--json");
    assertEquals(before - 1, Http.JSON.fromJson(json.strip(), Item.class).stock());
  }

  @Test
  void anAcknowledgedOrderAndTheStockSurviveKill9OfTheCatalogAndOrderPrimaries() {
    Order order = body(buy(7, 3), Order.class);
    String catalogPrimary = cluster.catalogUrl(Cluster.REPLICAS);
    String orderPrimary = cluster.orderUrl(Cluster.REPLICAS);
    String catalogBefore = position(catalogPrimary);
    String orderBefore = position(orderPrimary);
    Item itemBefore = body(Http.node(catalogPrimary + "/catalog/items/7"), ItemRead.class).item();

    cluster.kill("catalog-" + Cluster.REPLICAS);
    cluster.kill("order-" + Cluster.REPLICAS);
    cluster.restart("catalog-" + Cluster.REPLICAS);
    cluster.restart("order-" + Cluster.REPLICAS);

    assertEquals(
        catalogBefore, position(catalogPrimary), "catalog sequence and digest after restart");
    assertEquals(orderBefore, position(orderPrimary), "order sequence and digest after restart");
    assertEquals(order, body(get(api + "/orders/" + order.orderNumber()), Order.class));
    assertEquals(
        itemBefore, body(Http.node(catalogPrimary + "/catalog/items/7"), ItemRead.class).item());
    HttpResponse<String> next = buy(7, 1);
    assertEquals(201, next.statusCode(), "the store takes buys again: " + next.body());
    assertEquals(
        order.orderNumber() + 1, body(next, Order.class).orderNumber(), "no gap after the restart");
  }
}
