package bookstore.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bookstore.bench.experiment.Wrk;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * wrk itself running the buy script against {@link StubStore}; skipped where wrk is not installed.
 */
class WrkBuysTest {
  private static final Pattern BODY = Pattern.compile("\\{\"itemId\":(\\d+),\"quantity\":1\\}");

  @Test
  void everyBuyWrkSendsHasTheRightBodyAndAKeyNoOtherHas() throws IOException {
    Wrk wrk = Wrk.onPath().orElse(null);
    Assumptions.assumeTrue(wrk != null, "wrk is not on the PATH");
    try (StubStore store = new StubStore(List.of(1, 2, 3), 1_000_000)) {
      Wrk.Result r =
          wrk.run(
              2,
              Duration.ofSeconds(1),
              store.url().resolve("/api/orders"),
              Wrk.buyScript(List.of(1, 2, 3)));

      // wrk has stopped counting, but the stub may still be finishing the last buys it received
      // (stock taken, order not yet listed): wait, with a deadline, until the two agree
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (store.orders.size()
              != 1_000_000 * 3 - (store.stock(1) + store.stock(2) + store.stock(3))
          && System.nanoTime() < deadline) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
      }
      List<StubStore.Order> orders = List.copyOf(store.orders);
      assertTrue(orders.size() > 10, "wrk bought: " + orders.size());
      assertTrue(
          r.requests() > 0 && r.requests() <= orders.size(),
          r.requests() + " answers counted, " + orders.size() + " received");
      assertEquals(0, r.errors(), "every buy answered 201");
      Set<String> keys = new HashSet<>();
      Set<String> threads = new TreeSet<>();
      Set<Integer> items = new TreeSet<>();
      for (StubStore.Order order : orders) {
        assertNotNull(order.idempotencyKey(), "every buy has a key");
        assertTrue(keys.add(order.idempotencyKey()), "a key used twice: " + order.idempotencyKey());
        threads.add(order.idempotencyKey().split("-")[2]);
        assertEquals("application/json", order.contentType());
        Matcher body = BODY.matcher(order.body());
        assertTrue(body.matches(), order.body());
        items.add(Integer.parseInt(body.group(1)));
        assertEquals(201, order.status());
      }
      assertEquals(Set.of("1", "2"), threads, "both wrk threads bought, each under its own number");
      assertEquals(Set.of(1, 2, 3), items, "the items in turn");
      assertEquals(1_000_000 * 3 - orders.size(), store.stock(1) + store.stock(2) + store.stock(3));
    }
  }
}
