package bookstore.chaos.check;

import bookstore.api.Order;
import bookstore.api.replication.OrderUpdate;
import bookstore.chaos.history.History;
import bookstore.chaos.history.Operation;
import bookstore.chaos.history.Operation.Outcome;
import bookstore.chaos.history.Operation.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks a run's history against what every replica holds at its end, the way a Jepsen checker
 * does: the one checker of {@code ./bookstore chaos} and of the fault ITs. Each rule is one {@link
 * Check}; the rules come from the SPEC's guarantees (a crash loses nothing acknowledged, replicas
 * converge to the same state) and from the idempotency keys (one order per key). Pure: it reads
 * only what it is given.
 */
public final class HistoryChecker {
  /** Every acknowledged order is on every order replica, as acknowledged. */
  public static final String NO_ACKNOWLEDGED_ORDER_LOST = "no acknowledged order lost";

  /** Every order of the run's items on a replica was requested by a client (its key was sent). */
  public static final String NO_ORDER_INVENTED = "no order invented";

  /** No order number acknowledged for two buys; one order per idempotency key on each replica. */
  public static final String ORDER_NUMBERS_UNIQUE = "order numbers and keys unique";

  /** No lookup saw, and no catalog replica holds, a negative stock. */
  public static final String STOCK_NEVER_NEGATIVE = "stock never negative";

  /**
   * Each item's stock on each catalog replica + its units ordered on each order replica = initial.
   */
  public static final String STOCK_CONSERVED = "stock conserved";

  /** Every replica of a service at the same sequence number and digest (SPEC guarantee 4). */
  public static final String REPLICAS_CONVERGED = "replicas converged";

  /** The only buys refused are out of stock (409): no other 4xx. */
  public static final String REFUSALS_ONLY_OUT_OF_STOCK = "refusals only out of stock";

  /** No operation without an answer or with a 5xx (SPEC: no client-visible error on a crash). */
  public static final String NO_CLIENT_VISIBLE_ERROR = "no client-visible error";

  /**
   * @param history the run's operations and items
   * @param state every replica at the end of the run
   * @return a check per rule, in the order of this class's constants
   */
  public Verdict check(History history, StoreState state) {
    List<Operation> buys = ofType(history, Type.BUY);
    List<Operation> acknowledged = buys.stream().filter(Operation::acknowledgedBuy).toList();
    // what an unreachable replica holds is unknown: "replicas converged" reports it, and the
    // rules about content compare the replicas that answered
    StoreState read = new StoreState(answered(state.catalog()), answered(state.order()));
    return new Verdict(
        List.of(
            acknowledgedOrdersKept(acknowledged, read.order()),
            noOrderInvented(history, buys, read.order()),
            orderNumbersUnique(history, acknowledged, read.order()),
            stockNeverNegative(history, read.catalog()),
            stockConserved(history, read),
            replicasConverged(state),
            refusalsOnlyOutOfStock(buys),
            noClientVisibleError(history)));
  }

  private static List<ReplicaState> answered(List<ReplicaState> replicas) {
    return replicas.stream().filter(r -> r.digest() != null).toList();
  }

  private static List<Operation> ofType(History history, Type type) {
    return history.operations().stream().filter(o -> o.type() == type).toList();
  }

  private static Check acknowledgedOrdersKept(
      List<Operation> acknowledged, List<ReplicaState> replicas) {
    List<String> violations = new ArrayList<>();
    if (replicas.isEmpty()) {
      violations.add("no order replica answered");
    }
    for (ReplicaState replica : replicas) {
      Map<Long, Order> held = ordersByNumber(replica);
      for (Operation buy : acknowledged) {
        Order order = buy.order();
        Order there = held.get(order.orderNumber());
        if (!order.equals(there)) {
          violations.add(
              "order "
                  + order.orderNumber()
                  + " (key "
                  + buy.key()
                  + ") was acknowledged as "
                  + order
                  + "; "
                  + replica.node()
                  + (there == null ? " does not hold it" : " holds " + there));
        }
      }
    }
    return Check.of(
        NO_ACKNOWLEDGED_ORDER_LOST,
        acknowledged.size() + " acknowledged orders on " + replicas.size() + " order replicas",
        violations);
  }

  private static Map<Long, Order> ordersByNumber(ReplicaState replica) {
    Map<Long, Order> held = new HashMap<>();
    replica.orders().forEach(o -> held.put(o.order().orderNumber(), o.order()));
    return held;
  }

  /**
   * The replica's orders of the run's items: others' buys of other items are none of its business.
   */
  private static List<OrderUpdate> runOrders(History history, ReplicaState replica) {
    return replica.orders().stream()
        .filter(o -> history.items().contains(o.order().itemId()))
        .toList();
  }

  private static Check noOrderInvented(
      History history, List<Operation> buys, List<ReplicaState> replicas) {
    Set<String> requested = buys.stream().map(Operation::key).collect(Collectors.toSet());
    List<String> violations = new ArrayList<>();
    Set<Integer> held = new TreeSet<>();
    for (ReplicaState replica : replicas) {
      held.add(runOrders(history, replica).size());
      for (OrderUpdate o : runOrders(history, replica)) {
        if (!requested.contains(o.idempotencyKey())) {
          violations.add(
              "order "
                  + o.order().orderNumber()
                  + " on "
                  + replica.node()
                  + " has key "
                  + o.idempotencyKey()
                  + ", which no client sent");
        }
      }
    }
    return Check.of(
        NO_ORDER_INVENTED,
        buys.size()
            + " buys requested; "
            + held.stream().map(String::valueOf).collect(Collectors.joining(" or "))
            + " orders of the run's items on each of "
            + replicas.size()
            + " order replicas",
        violations);
  }

  private static Check orderNumbersUnique(
      History history, List<Operation> acknowledged, List<ReplicaState> replicas) {
    List<String> violations = new ArrayList<>();
    Map<Long, Operation> byNumber = new HashMap<>();
    for (Operation buy : acknowledged) {
      Operation earlier = byNumber.putIfAbsent(buy.order().orderNumber(), buy);
      if (earlier != null) {
        violations.add(
            "order number "
                + buy.order().orderNumber()
                + " acknowledged to two buys, keys "
                + earlier.key()
                + " and "
                + buy.key());
      }
    }
    for (ReplicaState replica : replicas) {
      duplicates(runOrders(history, replica), OrderUpdate::idempotencyKey)
          .forEach(
              (key, numbers) ->
                  violations.add(
                      replica.node() + " holds " + numbers.size() + " orders for key " + key));
      duplicates(replica.orders(), o -> String.valueOf(o.order().orderNumber()))
          .forEach(
              (number, orders) ->
                  violations.add(replica.node() + " holds order number " + number + " twice"));
    }
    return Check.of(
        ORDER_NUMBERS_UNIQUE,
        byNumber.size() + " order numbers acknowledged, one per buy",
        violations);
  }

  private static <T> Map<String, List<T>> duplicates(List<T> values, Function<T, String> by) {
    Map<String, List<T>> grouped = values.stream().collect(Collectors.groupingBy(by));
    grouped.values().removeIf(group -> group.size() < 2);
    return new TreeMap<>(grouped);
  }

  private static Check stockNeverNegative(History history, List<ReplicaState> catalog) {
    List<String> violations = new ArrayList<>();
    List<Operation> lookups =
        ofType(history, Type.LOOKUP).stream().filter(o -> o.outcome() == Outcome.OK).toList();
    for (Operation lookup : lookups) {
      if (lookup.stockSeen() < 0) {
        violations.add(
            "a lookup of item "
                + lookup.itemId()
                + " at "
                + String.format("%.1f s", history.secondsSinceStart(lookup.invokedNanos()))
                + " showed stock "
                + lookup.stockSeen());
      }
    }
    for (ReplicaState replica : catalog) {
      replica
          .stock()
          .forEach(
              (item, stock) -> {
                if (stock < 0) {
                  violations.add(replica.node() + " holds stock " + stock + " of item " + item);
                }
              });
    }
    return Check.of(
        STOCK_NEVER_NEGATIVE,
        lookups.size() + " lookups and " + catalog.size() + " catalog replicas",
        violations);
  }

  private static Check stockConserved(History history, StoreState state) {
    List<String> violations = new ArrayList<>();
    if (state.catalog().isEmpty() || state.order().isEmpty()) {
      violations.add("no catalog or no order replica answered");
    }
    for (ReplicaState order : state.order()) {
      Map<Integer, Integer> sold = new HashMap<>();
      runOrders(history, order)
          .forEach(o -> sold.merge(o.order().itemId(), o.order().quantity(), Integer::sum));
      for (ReplicaState catalog : state.catalog()) {
        for (int item : history.items()) {
          Integer stock = catalog.stock().get(item);
          int ordered = sold.getOrDefault(item, 0);
          if (stock == null) {
            violations.add(catalog.node() + " does not hold item " + item);
          } else if (stock + ordered != history.initialStock()) {
            violations.add(
                "item "
                    + item
                    + ": stock "
                    + stock
                    + " on "
                    + catalog.node()
                    + " + "
                    + ordered
                    + " ordered on "
                    + order.node()
                    + " = "
                    + (stock + ordered)
                    + ", not the initial "
                    + history.initialStock());
          }
        }
      }
    }
    return Check.of(
        STOCK_CONSERVED,
        history.items().size()
            + " items of "
            + history.initialStock()
            + ": stock + units ordered = initial stock, on every pair of replicas",
        violations);
  }

  private static Check replicasConverged(StoreState state) {
    List<String> violations = new ArrayList<>();
    List<String> found = new ArrayList<>();
    for (List<ReplicaState> service : List.of(state.catalog(), state.order())) {
      Set<String> positions = new HashSet<>();
      service.forEach(r -> positions.add(r.position()));
      if (positions.size() != 1 || positions.contains("unreachable")) {
        service.forEach(r -> violations.add(r.node() + " at " + r.position()));
      } else if (!service.isEmpty()) {
        String position = positions.iterator().next();
        found.add(
            ReplicaState.service(service.get(0).node())
                + ": "
                + service.size()
                + " at "
                + position.substring(0, Math.min(position.length(), position.indexOf('/') + 13)));
      }
    }
    return Check.of(
        REPLICAS_CONVERGED,
        found.isEmpty() ? "sequence/digest of every replica" : String.join("; ", found) + "...",
        violations);
  }

  private static Check refusalsOnlyOutOfStock(List<Operation> buys) {
    List<Operation> refused = buys.stream().filter(o -> o.outcome() == Outcome.FAIL).toList();
    return Check.of(
        REFUSALS_ONLY_OUT_OF_STOCK,
        refused.size() + " buys refused",
        summary(refused.stream().filter(o -> o.status() != 409).toList()));
  }

  private static Check noClientVisibleError(History history) {
    List<Operation> errors =
        history.operations().stream().filter(o -> o.outcome() == Outcome.UNKNOWN).toList();
    return Check.of(
        NO_CLIENT_VISIBLE_ERROR,
        errors.size() + " of " + history.operations().size() + " operations",
        summary(errors));
  }

  /** Operations grouped by what they were and how they ended: {@code 3 x buy 503 <detail>}. */
  private static List<String> summary(List<Operation> operations) {
    Map<String, Long> counted =
        operations.stream()
            .collect(
                Collectors.groupingBy(
                    o ->
                        o.type().name().toLowerCase(java.util.Locale.ROOT)
                            + " "
                            + o.status()
                            + " "
                            + o.detail(),
                    TreeMap::new,
                    Collectors.counting()));
    return counted.entrySet().stream().map(e -> e.getValue() + " x " + e.getKey()).toList();
  }
}
