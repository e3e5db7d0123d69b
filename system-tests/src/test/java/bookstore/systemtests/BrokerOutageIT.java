package bookstore.systemtests;

import static bookstore.systemtests.Http.body;
import static bookstore.systemtests.Http.get;
import static bookstore.systemtests.Http.post;
import static org.junit.jupiter.api.Assertions.assertEquals;

import bookstore.api.Order;
import bookstore.api.Problem;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The broker itself dies (SPEC "Replication", issue "Any replica can die"): writes fail fast with
 * 503 and a clear problem and change nothing, reads go on from replicas and the cache, and
 * everything resumes when the broker is back; nothing acknowledged is lost (its journal is
 * persistent).
 */
class BrokerOutageIT {
  private static Cluster cluster;
  private static String api;

  @BeforeAll
  static void startCluster() {
    cluster = Cluster.shared();
    api = cluster.frontendUrl() + "/api";
  }

  @Test
  void withTheBrokerDownWritesFailFastReadsGoOnAndNothingAcknowledgedIsLost() {
    Order before = body(post(api + "/orders", "{\"itemId\":1,\"quantity\":1}"), Order.class);
    cluster.kill("broker");
    try {
      long started = System.nanoTime();
      HttpResponse<String> refused = post(api + "/orders", "{\"itemId\":1,\"quantity\":1}");
      System.out.printf("buy with the broker down answered %d in %.2f s%n", refused.statusCode(), (System.nanoTime() - started) / 1e9);
      assertEquals(503, refused.statusCode(), refused.body());
      assertEquals("urn:bookstore:broker-unavailable", Http.JSON.fromJson(refused.body(), Problem.class).type());
      assertEquals(200, get(api + "/books/2").statusCode(), "lookups go on");
      assertEquals(200, get(cluster.frontendUrl() + "/search?topic=graduate%20school").statusCode(), "searches go on");
      assertEquals(before, body(get(api + "/orders/" + before.orderNumber()), Order.class), "order queries go on");
    } finally {
      cluster.restart("broker");
    }
    long back = System.nanoTime();
    HttpResponse<String> after =
        Http.await("a buy to succeed after the broker is back", Duration.ofSeconds(60),
            () -> post(api + "/orders", "{\"itemId\":1,\"quantity\":1}"), r -> r.statusCode() == 201);
    System.out.printf("writes resumed %.2f s after the broker was ready%n", (System.nanoTime() - back) / 1e9);
    assertEquals(before.orderNumber() + 1, body(after, Order.class).orderNumber(), "no write happened while the broker was down");
    cluster.awaitConvergence("catalog");
    cluster.awaitConvergence("order");
    for (String replica : cluster.replicaUrls("order")) {
      assertEquals(200, Http.node(replica + "/orders/" + before.orderNumber()).statusCode(), "acknowledged order on " + replica);
    }
  }
}
