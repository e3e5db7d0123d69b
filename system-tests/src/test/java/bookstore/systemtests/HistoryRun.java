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
import bookstore.api.internal.ReplicaStatus;
import bookstore.api.replication.OrderUpdate;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Jepsen-style run against the shared cluster: eight clients buy and look up (each buy with its
 * own idempotency key) while a {@link Nemesis} injects faults; every operation is recorded (invoke,
 * then ok, fail or unknown) and the history is checked against what every replica holds afterwards:
 * no acknowledged order lost, none invented, unique order numbers, one order per key, stock
 * conserved and never negative, every replica at the same sequence and digest, the only refusals
 * out of stock, and no client-visible error. It prints, per fault, how long after it the first
 * write was acknowledged (the pause) and the slowest operation around it. Used by {@link
 * FailoverIT} (replicas killed) and {@link BrokerFailoverIT} (the live broker killed).
 */
final class HistoryRun {
  private static final int CLIENTS = 8;
  private static final int ITEMS = 4;
  private static final int INITIAL_STOCK = 20_000;

  /**
   * Pause between one client's operations (ms): eight clients with no pause keep both cores of a
   * small machine busy, and a restarted node then needs minutes to boot; with it, the load is still
   * about 150 operations/s.
   */
  private static final long THINK_TIME_MS = 25;

  private final Cluster cluster;
  private final String api;
  private ConcurrentLinkedQueue<Op> history;

  HistoryRun(Cluster cluster) {
    this.cluster = cluster;
    this.api = cluster.frontendUrl() + "/api";
  }

  /** One client operation: what was asked, and how it ended. */
  record Op(
      String type,
      int itemId,
      int quantity,
      String key,
      long invokedNanos,
      long completedNanos,
      String outcome,
      int status,
      Order order,
      int stockSeen,
      String detail) {}

  /**
   * A client operation as invoked, to be recorded as an {@link Op} when it ends (completed now).
   *
   * @param type "buy" or "lookup"
   * @param itemId the item asked for
   * @param quantity how many a buy asks for (0 for a lookup)
   * @param key a buy's idempotency key (null for a lookup)
   * @param invokedNanos when it was invoked ({@link System#nanoTime})
   */
  private record Invocation(String type, int itemId, int quantity, String key, long invokedNanos) {
    /** The operation answered: its status and, for a failure, the problem's detail. */
    Op answered(String outcome, HttpResponse<String> r, Order order, int stockSeen) {
      return ended(outcome, r.statusCode(), order, stockSeen, detail(r));
    }

    /** The operation with no answer (its outcome unknown): the error instead. */
    Op threw(RuntimeException e) {
      return ended("unknown", 0, null, -1, e.toString());
    }

    private Op ended(String outcome, int status, Order order, int stockSeen, String detail) {
      return new Op(
          type,
          itemId,
          quantity,
          key,
          invokedNanos,
          System.nanoTime(),
          outcome,
          status,
          order,
          stockSeen,
          detail);
    }
  }

  /** One step of the nemesis. */
  record Fault(String node, boolean primary, long killedNanos) {}

  /**
   * An order replica's snapshot state: each order as its replicated write, in the write's stored
   * JSON form (the key under {@link bookstore.api.replication.CatalogUpdate#STORED_KEY_NAME}).
   *
   * @param orders every order the replica holds
   */
  public record OrderSnapshot(List<OrderUpdate> orders) {}

  /** A replica's snapshot answer. */
  public record Snapshot(long epoch, long sequence, String state) {}

  /** What breaks the store during a run, one fault after another. */
  @FunctionalInterface
  interface Nemesis {
    /**
     * @param run the run, whose clients are busy; {@link HistoryRun#awaitOperations} lets them
     *     serve between faults
     * @return the faults injected, each healed before it returns
     */
    List<Fault> inject(HistoryRun run);
  }

  /**
   * Runs the clients for at least 60 s with the nemesis's faults, then checks the history.
   *
   * @param nemesis the faults
   * @throws Exception when a client fails unexpectedly (an assertion error names a broken rule)
   */
  void run(Nemesis nemesis) throws Exception {
    List<Integer> items = new ArrayList<>();
    for (int i = 0; i < ITEMS; i++) {
      String json =
          "{\"title\":\"Jepsen "
              + UUID.randomUUID()
              + "\",\"topic\":\"faults\",\"stock\":"
              + INITIAL_STOCK
              + ",\"price\":1.00}";
      items.add(body(Http.admin("POST", api + "/admin/items", json), Item.class).id());
    }
    ConcurrentLinkedQueue<Op> history = new ConcurrentLinkedQueue<>();
    AtomicBoolean running = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    List<Future<?>> clients = new ArrayList<>();
    long start = System.nanoTime();
    for (int c = 0; c < CLIENTS; c++) {
      Random random = new Random(c);
      clients.add(pool.submit(() -> client(random, items, history, running)));
    }
    List<Fault> faults;
    try {
      awaitOperations(history, 200);
      this.history = history;
      faults = nemesis.inject(this);
      long minimum = start + TimeUnit.SECONDS.toNanos(60);
      await("a history of at least 60 s")
          .atMost(Duration.ofMinutes(2))
          .until(System::nanoTime, now -> now >= minimum);
      awaitOperations(history, 200);
    } finally {
      running.set(false);
      pool.shutdown();
      assertTrue(pool.awaitTermination(2, TimeUnit.MINUTES), "clients stopped");
    }
    for (Future<?> client : clients) {
      client.get();
    }
    check(List.copyOf(history), faults, items, (System.nanoTime() - start) / 1e9);
  }

  private void client(
      Random random,
      List<Integer> items,
      ConcurrentLinkedQueue<Op> history,
      AtomicBoolean running) {
    while (running.get()) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(THINK_TIME_MS));
      int itemId = items.get(random.nextInt(items.size()));
      long invoked = System.nanoTime();
      if (random.nextBoolean()) {
        int quantity = 1 + random.nextInt(3);
        String key = UUID.randomUUID().toString();
        Invocation buy = new Invocation("buy", itemId, quantity, key, invoked);
        try {
          HttpResponse<String> r =
              post(
                  api + "/orders",
                  "{\"itemId\":" + itemId + ",\"quantity\":" + quantity + "}",
                  key);
          String outcome =
              r.statusCode() == 201 ? "ok" : r.statusCode() / 100 == 4 ? "fail" : "unknown";
          Order order = r.statusCode() == 201 ? Http.JSON.fromJson(r.body(), Order.class) : null;
          history.add(buy.answered(outcome, r, order, -1));
        } catch (RuntimeException e) {
          history.add(buy.threw(e));
        }
      } else {
        Invocation lookup = new Invocation("lookup", itemId, 0, null, invoked);
        try {
          HttpResponse<String> r = get(api + "/books/" + itemId);
          int stock = r.statusCode() == 200 ? Http.JSON.fromJson(r.body(), Item.class).stock() : -1;
          history.add(lookup.answered(r.statusCode() == 200 ? "ok" : "unknown", r, null, stock));
        } catch (RuntimeException e) {
          history.add(lookup.threw(e));
        }
      }
    }
  }

  /**
   * @return a failed answer's problem detail (for the error summary), null for a success
   */
  private static String detail(HttpResponse<String> r) {
    if (r.statusCode() / 100 == 2) {
      return null;
    }
    String body = r.body() == null ? "" : r.body();
    int at = body.indexOf("\"detail\"");
    return at < 0
        ? body.substring(0, Math.min(120, body.length()))
        : body.substring(at, Math.min(body.length(), at + 160));
  }

  /**
   * @param service "catalog" or "order"
   * @return the node name of its primary now, e.g. {@code catalog-3}
   */
  String primaryOf(String service) {
    for (String url : cluster.replicaUrls(service)) {
      ReplicaStatus status = body(Http.node(url + "/replica"), ReplicaStatus.class);
      if (status.role().equals("PRIMARY")) {
        return service + "-" + status.replicaId();
      }
    }
    throw new AssertionError("no " + service + " primary");
  }

  /**
   * A fault of the service's primary that leaves its process running (a freeze, a partition):
   * {@code inflict} it, let {@code during} run while it lasts, {@code mend} it, then wait until the
   * old primary has left its epoch (it acknowledges nothing in it any more; as a backup, or as
   * primary again once caught up: the highest id takes over) and the clients have had 100 more
   * successful operations. Its digest equals the others' once the clients stop: the history check.
   *
   * @param service "catalog" or "order"
   * @param inflict breaks the named node, e.g. {@code cluster::freeze}
   * @param during runs while the fault lasts (its length, or a wait for what must happen meanwhile)
   * @param mend undoes the fault on the named node, e.g. {@code cluster::thaw}
   * @return the fault, for the history check's report
   */
  Fault onPrimary(
      String service, Consumer<String> inflict, Runnable during, Consumer<String> mend) {
    String primary = primaryOf(service);
    int id = Integer.parseInt(primary.substring(primary.indexOf('-') + 1));
    String url = service.equals("catalog") ? cluster.catalogUrl(id) : cluster.orderUrl(id);
    long epoch = epochAt(url);
    long inflicted = System.nanoTime();
    inflict.accept(primary);
    try {
      during.run();
    } finally {
      mend.accept(primary);
    }
    await(primary + ", mended, to leave epoch " + epoch)
        .atMost(Duration.ofSeconds(60))
        .until(() -> epochAt(url), now -> now > epoch);
    awaitOperations(100);
    return new Fault(primary, true, inflicted);
  }

  private static long epochAt(String replicaUrl) {
    return body(Http.node(replicaUrl + "/replica"), ReplicaStatus.class).epoch();
  }

  /**
   * Waits until the clients have completed {@code count} more successful operations (a nemesis
   * calls it to let the store serve between faults).
   *
   * @param count operations, at most a minute's worth
   */
  void awaitOperations(int count) {
    awaitOperations(history, count);
  }

  /**
   * Waits until the clients have had {@code count} more buys acknowledged (a nemesis calls it to
   * see the store sell while a fault lasts).
   *
   * @param count acknowledged buys, at most a minute's worth
   */
  void awaitAcknowledgedBuys(int count) {
    long target = acknowledgedBuys() + count;
    await(count + " more acknowledged buys")
        .atMost(Duration.ofMinutes(1))
        .until(this::acknowledgedBuys, done -> done >= target);
  }

  private long acknowledgedBuys() {
    return history.stream().filter(o -> o.type().equals("buy") && o.outcome().equals("ok")).count();
  }

  private static void awaitOperations(ConcurrentLinkedQueue<Op> history, int count) {
    long target = history.stream().filter(o -> o.outcome().equals("ok")).count() + count;
    await(count + " more successful operations")
        .atMost(Duration.ofMinutes(1))
        .until(
            () -> history.stream().filter(o -> o.outcome().equals("ok")).count(),
            done -> done >= target);
  }

  private void check(List<Op> history, List<Fault> faults, List<Integer> items, double seconds) {
    List<Op> buys = history.stream().filter(o -> o.type().equals("buy")).toList();
    List<Op> acknowledged = buys.stream().filter(o -> o.outcome().equals("ok")).toList();
    List<Op> errors = history.stream().filter(o -> o.outcome().equals("unknown")).toList();
    System.out.printf(
        "history: %d operations in %.0f s, %d buys (%d ok, %d refused), %d lookups, %d client-visible errors%n",
        history.size(),
        seconds,
        buys.size(),
        acknowledged.size(),
        buys.stream().filter(o -> o.outcome().equals("fail")).count(),
        history.size() - buys.size(),
        errors.size());
    for (Fault fault : faults) {
      if (fault.primary()) {
        history.stream()
            .filter(
                o ->
                    o.type().equals("buy")
                        && o.outcome().equals("ok")
                        && o.invokedNanos() >= fault.killedNanos())
            .mapToLong(Op::completedNanos)
            .min()
            .ifPresent(
                t ->
                    System.out.printf(
                        "failover of %s: first write acknowledged %.2f s after the fault%n",
                        fault.node(), (t - fault.killedNanos()) / 1e9));
      }
      long maxLatency =
          history.stream()
              .filter(
                  o ->
                      o.invokedNanos() >= fault.killedNanos() - 1_000_000_000L
                          && o.invokedNanos() <= fault.killedNanos() + 10_000_000_000L)
              .mapToLong(o -> o.completedNanos() - o.invokedNanos())
              .max()
              .orElse(0);
      System.out.printf(
          "fault on %s: slowest operation around it took %.2f s%n", fault.node(), maxLatency / 1e9);
    }

    Stream.concat(
            errors.stream(),
            buys.stream().filter(o -> o.outcome().equals("fail") && o.status() != 409))
        .collect(
            Collectors.groupingBy(
                o -> o.type() + " " + o.status() + " " + o.detail(), Collectors.counting()))
        .forEach((what, count) -> System.out.printf("  %d x %s%n", count, what));
    assertTrue(
        history.stream()
            .noneMatch(
                o -> o.type().equals("lookup") && o.outcome().equals("ok") && o.stockSeen() < 0),
        "stock never negative");
    assertTrue(
        buys.stream().filter(o -> o.outcome().equals("fail")).allMatch(o -> o.status() == 409),
        "the only refusals are out of stock");

    cluster.awaitConvergence("catalog");
    cluster.awaitConvergence("order");

    Set<String> invokedKeys = new HashSet<>();
    buys.forEach(o -> invokedKeys.add(o.key()));
    Map<Long, Order> acknowledgedByNumber = new HashMap<>();
    for (Op op : acknowledged) {
      Order previous = acknowledgedByNumber.put(op.order().orderNumber(), op.order());
      assertEquals(
          null, previous, "order number " + op.order().orderNumber() + " acknowledged twice");
    }
    for (String replica : cluster.replicaUrls("order")) {
      Snapshot snapshot = body(Http.node(replica + "/replica/snapshot"), Snapshot.class);
      List<OrderUpdate> orders = Http.JSON.fromJson(snapshot.state(), OrderSnapshot.class).orders();
      Map<Long, Order> held = new HashMap<>();
      Map<Integer, Integer> soldPerItem = new HashMap<>();
      Set<String> keysHeld = new HashSet<>();
      for (OrderUpdate o : orders) {
        held.put(o.order().orderNumber(), o.order());
        if (items.contains(o.order().itemId())) {
          assertTrue(
              invokedKeys.contains(o.idempotencyKey()),
              "order " + o.order().orderNumber() + " on " + replica + " was never requested");
          assertTrue(
              keysHeld.add(o.idempotencyKey()),
              "two orders for key " + o.idempotencyKey() + " on " + replica);
          soldPerItem.merge(o.order().itemId(), o.order().quantity(), Integer::sum);
        }
      }
      for (Order order : acknowledgedByNumber.values()) {
        assertEquals(
            order,
            held.get(order.orderNumber()),
            "acknowledged order " + order.orderNumber() + " on " + replica);
      }
      for (int itemId : items) {
        for (String catalog : cluster.replicaUrls("catalog")) {
          int stock =
              body(Http.node(catalog + "/catalog/items/" + itemId), ItemRead.class).item().stock();
          assertTrue(stock >= 0, "stock of " + itemId + " on " + catalog);
          assertEquals(
              INITIAL_STOCK,
              stock + soldPerItem.getOrDefault(itemId, 0),
              "item "
                  + itemId
                  + ": stock on "
                  + catalog
                  + " + quantities ordered on "
                  + replica
                  + " = initial stock (no restocks)");
        }
      }
    }
    // last, so that a safety violation above is reported even when errors were seen too
    assertEquals(
        List.of(),
        errors.stream().map(o -> o.type() + " " + o.status()).toList(),
        "client-visible errors");
  }
}
