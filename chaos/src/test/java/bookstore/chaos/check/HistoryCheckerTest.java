package bookstore.chaos.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bookstore.api.Order;
import bookstore.api.replication.OrderUpdate;
import bookstore.api.replication.WriteStamp;
import bookstore.chaos.history.History;
import bookstore.chaos.history.Operation;
import bookstore.chaos.history.Operation.Outcome;
import bookstore.chaos.history.Operation.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The history checker on a small history that holds, and on copies of it doctored one way each: a
 * lost order, an invented one, a duplicate order number, a negative stock, a stock that does not
 * add up, a diverged replica, a refusal other than out of stock, a client-visible error. Each
 * doctoring must be reported by the rule it breaks, naming what broke it.
 */
class HistoryCheckerTest {
  private static final int INITIAL = 100;
  private static final List<Integer> ITEMS = List.of(1, 2);

  private final HistoryChecker checker = new HistoryChecker();

  /** Three acknowledged buys (items 1, 2, 1), one refused for stock, two lookups. */
  private final List<Operation> operations =
      new ArrayList<>(
          List.of(
              buy("k1", new Order(1, 1, 2, BigDecimal.ONE), 201),
              buy("k2", new Order(2, 2, 1, BigDecimal.ONE), 201),
              buy("k3", new Order(3, 1, 1, BigDecimal.ONE), 201),
              buy("k4", null, 409),
              lookup(1, 97),
              lookup(2, 99)));

  private static Operation buy(String key, Order order, int status) {
    Outcome outcome =
        status == 201 ? Outcome.OK : status / 100 == 4 ? Outcome.FAIL : Outcome.UNKNOWN;
    int item = order == null ? 2 : order.itemId();
    int quantity = order == null ? 500 : order.quantity();
    return new Operation(
        Type.BUY,
        0,
        item,
        quantity,
        key,
        0,
        1_000_000,
        outcome,
        status,
        order,
        -1,
        status == 201 ? null : "\"detail\":\"refused\"");
  }

  private static Operation lookup(int item, int stock) {
    return new Operation(
        Type.LOOKUP, 1, item, 0, null, 0, 1_000_000, Outcome.OK, 200, null, stock, null);
  }

  private History history() {
    return new History(0, 10_000_000_000L, ITEMS, INITIAL, operations, List.of());
  }

  private static OrderUpdate held(long number, int item, int quantity, String key) {
    return new OrderUpdate(
        new WriteStamp(3, 1, number),
        new Order(number, item, quantity, BigDecimal.ONE),
        key,
        Instant.EPOCH);
  }

  private static List<OrderUpdate> orders() {
    return List.of(held(1, 1, 2, "k1"), held(2, 2, 1, "k2"), held(3, 1, 1, "k3"));
  }

  private static ReplicaState catalog(int id) {
    return new ReplicaState("catalog-" + id, 1, 10, "c10", List.of(), Map.of(1, 97, 2, 99));
  }

  private static ReplicaState order(int id) {
    return new ReplicaState("order-" + id, 1, 3, "o3", orders(), Map.of());
  }

  private static StoreState state() {
    return new StoreState(
        List.of(catalog(1), catalog(2), catalog(3)), List.of(order(1), order(2), order(3)));
  }

  /** The state with one catalog replica (index 0-2) replaced. */
  private static StoreState withCatalog(int index, ReplicaState replica) {
    List<ReplicaState> catalog = new ArrayList<>(state().catalog());
    catalog.set(index, replica);
    return new StoreState(catalog, state().order());
  }

  /** The state with one order replica's orders changed. */
  private static StoreState withOrders(int index, UnaryOperator<List<OrderUpdate>> change) {
    List<ReplicaState> order = new ArrayList<>(state().order());
    ReplicaState r = order.get(index);
    order.set(
        index,
        new ReplicaState(
            r.node(), r.epoch(), r.sequence(), r.digest(), change.apply(orders()), r.stock()));
    return new StoreState(state().catalog(), order);
  }

  /** Asserts the rule does not hold and one of its violations says every one of {@code words}. */
  private static void assertReported(Verdict verdict, String rule, String... words) {
    Check check = verdict.check(rule);
    assertFalse(check.holds(), rule + " should not hold: " + check);
    assertFalse(verdict.holds(), "the verdict does not hold");
    assertTrue(
        check.violations().stream().anyMatch(v -> List.of(words).stream().allMatch(v::contains)),
        rule + " names " + List.of(words) + ": " + check.violations());
  }

  @Test
  void aHistoryThatMatchesEveryReplicaHoldsOnEveryRule() {
    Verdict verdict = checker.check(history(), state());
    assertTrue(verdict.holds(), verdict.violations());
    assertEquals(8, verdict.checks().size(), "every rule checked");
  }

  @Test
  void anAcknowledgedOrderMissingFromAReplicaIsReportedLost() {
    Verdict verdict = checker.check(history(), withOrders(1, o -> o.subList(0, 2)));
    assertReported(verdict, HistoryChecker.NO_ACKNOWLEDGED_ORDER_LOST, "order 3", "order-2");
  }

  @Test
  void anAcknowledgedOrderHeldWithOtherContentIsReported() {
    Verdict verdict =
        checker.check(
            history(),
            withOrders(
                0, o -> List.of(o.get(0), o.get(1), held(3, 1, 2, "k3")))); // quantity 2, not 1
    assertReported(verdict, HistoryChecker.NO_ACKNOWLEDGED_ORDER_LOST, "order 3", "order-1 holds");
  }

  @Test
  void anOrderWhoseKeyNoClientSentIsReportedInvented() {
    List<OrderUpdate> more = new ArrayList<>(orders());
    more.add(held(4, 2, 1, "never-sent"));
    Verdict verdict = checker.check(history(), withOrders(2, o -> more));
    assertReported(verdict, HistoryChecker.NO_ORDER_INVENTED, "order 4", "order-3", "never-sent");
  }

  @Test
  void oneOrderNumberAcknowledgedToTwoBuysIsReported() {
    operations.add(buy("k5", new Order(2, 1, 1, BigDecimal.ONE), 201));
    Verdict verdict = checker.check(history(), state());
    assertReported(verdict, HistoryChecker.ORDER_NUMBERS_UNIQUE, "order number 2", "k2", "k5");
  }

  @Test
  void twoOrdersForOneIdempotencyKeyOnAReplicaAreReported() {
    List<OrderUpdate> twice = new ArrayList<>(orders());
    twice.add(held(4, 1, 2, "k1"));
    Verdict verdict = checker.check(history(), withOrders(0, o -> twice));
    assertReported(verdict, HistoryChecker.ORDER_NUMBERS_UNIQUE, "order-1", "2 orders", "k1");
  }

  @Test
  void aNegativeStockOnAReplicaOrInALookupIsReported() {
    ReplicaState negative =
        new ReplicaState("catalog-2", 1, 10, "c10", List.of(), Map.of(1, -3, 2, 99));
    assertReported(
        checker.check(history(), withCatalog(1, negative)),
        HistoryChecker.STOCK_NEVER_NEGATIVE,
        "catalog-2",
        "-3",
        "item 1");
    operations.add(lookup(2, -2));
    assertReported(
        checker.check(history(), state()),
        HistoryChecker.STOCK_NEVER_NEGATIVE,
        "lookup of item 2",
        "-2");
  }

  @Test
  void stockThatDoesNotAddUpToTheInitialStockIsReported() {
    Map<Integer, Integer> leaked = new HashMap<>(Map.of(1, 96, 2, 99)); // one unit of item 1 gone
    ReplicaState replica = new ReplicaState("catalog-3", 1, 10, "c10", List.of(), leaked);
    assertReported(
        checker.check(history(), withCatalog(2, replica)),
        HistoryChecker.STOCK_CONSERVED,
        "item 1",
        "catalog-3",
        "99");
  }

  @Test
  void aReplicaAtAnotherDigestIsReportedDiverged() {
    ReplicaState diverged =
        new ReplicaState("catalog-1", 1, 10, "other", List.of(), Map.of(1, 97, 2, 99));
    Verdict verdict = checker.check(history(), withCatalog(0, diverged));
    assertReported(verdict, HistoryChecker.REPLICAS_CONVERGED, "catalog-1 at 10/other");
    assertTrue(verdict.check(HistoryChecker.STOCK_CONSERVED).holds(), "only the digest differs");
  }

  @Test
  void anUnreachableReplicaIsNotConvergedAndTheOthersAreStillCompared() {
    List<ReplicaState> order = new ArrayList<>(state().order());
    order.set(2, ReplicaState.unreachable("order-3"));
    Verdict verdict = checker.check(history(), new StoreState(state().catalog(), order));
    assertReported(verdict, HistoryChecker.REPLICAS_CONVERGED, "order-3 at unreachable");
    assertTrue(
        verdict.check(HistoryChecker.NO_ACKNOWLEDGED_ORDER_LOST).holds(),
        "what it holds is unknown, not lost: " + verdict.violations());
    assertEquals(
        "3 acknowledged orders on 2 order replicas",
        verdict.check(HistoryChecker.NO_ACKNOWLEDGED_ORDER_LOST).finding());
  }

  @Test
  void aRefusalOtherThanOutOfStockIsReported() {
    operations.add(buy("k6", null, 400));
    assertReported(
        checker.check(history(), state()),
        HistoryChecker.REFUSALS_ONLY_OUT_OF_STOCK,
        "1 x buy 400");
  }

  @Test
  void aBuyWithoutAnAnswerIsCountedAsAClientVisibleError() {
    operations.add(buy("k7", null, 503));
    operations.add(buy("k8", null, 503));
    Verdict verdict = checker.check(history(), state());
    assertReported(verdict, HistoryChecker.NO_CLIENT_VISIBLE_ERROR, "2 x buy 503");
    assertTrue(
        verdict.check(HistoryChecker.NO_CLIENT_VISIBLE_ERROR).finding().startsWith("2 of 8"),
        verdict.check(HistoryChecker.NO_CLIENT_VISIBLE_ERROR).finding());
  }
}
