package bookstore.systemtests;

import static bookstore.systemtests.Http.body;
import static bookstore.systemtests.Http.get;
import static bookstore.systemtests.Http.post;
import static bookstore.systemtests.Poll.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bookstore.api.Order;
import bookstore.api.Problem;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Both brokers of the pair die (SPEC "Replication", issue "Any replica can die"; one dying is
 * {@link BrokerFailoverIT}): writes answer 503 with a clear problem once the failover deadline has
 * passed and change nothing, reads go on from replicas and the cache, and everything resumes when a
 * broker is back; nothing acknowledged is lost (the journal is persistent).
 */
@ClusterTest
class BrokerOutageIT {
  private final Cluster cluster;
  private final String api;

  BrokerOutageIT(Cluster cluster) {
    this.cluster = cluster;
    this.api = cluster.frontendUrl() + "/api";
  }

  @Test
  void withBothBrokersDownWritesAreRefusedReadsGoOnAndNothingAcknowledgedIsLost() {
    Order before = body(post(api + "/orders", "{\"itemId\":1,\"quantity\":1}"), Order.class);
    cluster.kill("broker-backup");
    cluster.kill("broker");
    try {
      long started = System.nanoTime();
      HttpResponse<String> refused = post(api + "/orders", "{\"itemId\":1,\"quantity\":1}");
      System.out.printf(
          "buy with both brokers down answered %d in %.2f s%n",
          refused.statusCode(), (System.nanoTime() - started) / 1e9);
      assertEquals(503, refused.statusCode(), refused.body());
      assertEquals(
          "urn:bookstore:broker-unavailable",
          Http.JSON.fromJson(refused.body(), Problem.class).type(),
          refused.body());
      assertEquals(200, get(api + "/books/2").statusCode(), "lookups go on");
      assertEquals(
          200,
          get(cluster.frontendUrl() + "/search?topic=graduate%20school").statusCode(),
          "searches go on");
      assertEquals(
          before,
          body(get(api + "/orders/" + before.orderNumber()), Order.class),
          "order queries go on");
    } finally {
      cluster.restart("broker");
      cluster.restart("broker-backup");
    }
    long back = System.nanoTime();
    HttpResponse<String> after =
        await("a buy to succeed after the broker is back")
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> post(api + "/orders", "{\"itemId\":1,\"quantity\":1}"),
                r -> r.statusCode() == 201);
    System.out.printf(
        "writes resumed %.2f s after the broker was ready%n", (System.nanoTime() - back) / 1e9);
    assertEquals(
        before.orderNumber() + 1,
        body(after, Order.class).orderNumber(),
        "no write happened while the broker was down");
    cluster.awaitConvergence("catalog");
    cluster.awaitConvergence("order");
    for (String replica : cluster.replicaUrls("order")) {
      assertEquals(
          200,
          Http.node(replica + "/orders/" + before.orderNumber()).statusCode(),
          "acknowledged order on " + replica);
    }
  }

  /**
   * A front end is ready only once the broker has confirmed its cache's invalidation subscription:
   * started while the broker is down it deploys, says what it misses, and {@code ./bookstore
   * restart frontend} returns only after the broker is back, with a first lookup, search and buy
   * that succeed.
   */
  @Test
  void aFrontEndStartedWithoutTheBrokerIsReadyOnlyOnceItsCacheIsSubscribed() throws Exception {
    cluster.kill("broker-backup");
    cluster.kill("broker");
    cluster.kill("frontend");
    CompletableFuture<String> restart =
        CompletableFuture.supplyAsync(
            () -> cluster.script(Duration.ofMinutes(5), "restart", "frontend"));
    try {
      String missing =
          await("the deployed front end to say it is not ready")
              .atMost(Duration.ofMinutes(3))
              .until(this::readiness, r -> r.contains("bookstore-frontend") && r.contains("DOWN"));
      assertTrue(missing.contains("subscription to catalog.updates"), missing);
      assertFalse(
          restart.isDone(),
          "./bookstore restart frontend returned before the front end was ready: " + missing);
    } finally {
      cluster.restart("broker");
    }
    restart.get(5, TimeUnit.MINUTES);
    cluster.restart("broker-backup");
    assertEquals(200, get(api + "/books/1").statusCode(), "the first lookup after the restart");
    assertEquals(
        200,
        get(api + "/books?topic=distributed%20systems").statusCode(),
        "the first search after the restart");
    HttpResponse<String> buy = post(api + "/orders", "{\"itemId\":1,\"quantity\":1}");
    assertEquals(201, buy.statusCode(), "the first buy after the restart: " + buy.body());
  }

  /**
   * @return the front end's readiness answer, or "" while nothing listens on its port
   */
  private String readiness() {
    try {
      return get(cluster.frontendUrl() + "/health/ready").body();
    } catch (IllegalStateException refused) {
      return "";
    }
  }
}
