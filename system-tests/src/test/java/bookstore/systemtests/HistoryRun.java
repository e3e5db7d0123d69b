package bookstore.systemtests;

import static bookstore.systemtests.Http.body;
import static bookstore.systemtests.Poll.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bookstore.api.internal.ReplicaStatus;
import bookstore.chaos.check.FaultTiming;
import bookstore.chaos.check.HistoryChecker;
import bookstore.chaos.check.Verdict;
import bookstore.chaos.history.Fault;
import bookstore.chaos.history.History;
import bookstore.chaos.history.Operation;
import bookstore.chaos.load.HistoryClients;
import bookstore.chaos.report.VerdictReport;
import bookstore.chaos.store.ReplicaStateReader;
import bookstore.client.StoreHttp;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A Jepsen-style run against a cluster: eight clients buy and look up (each buy with its own
 * idempotency key) while a {@link Nemesis} injects faults, and the history is checked against what
 * every replica holds afterwards. The clients, the replica reader and the checker are {@code
 * ./bookstore chaos}'s ({@link HistoryClients}, {@link ReplicaStateReader}, {@link
 * HistoryChecker}): one implementation for the command and the fault tests. The run fails unless
 * every rule holds (nothing acknowledged lost, none invented, unique order numbers and keys, stock
 * conserved and never negative, replicas converged, the only refusals out of stock, no
 * client-visible error). It prints, per fault, the pause until the first write acknowledged after
 * it and the slowest operation around it. Used by {@link FailoverIT}, {@link FrozenPrimaryIT},
 * {@link PartitionIT} and {@link BrokerFailoverIT}.
 */
final class HistoryRun {
  private static final int CLIENTS = 8;
  private static final int ITEMS = 4;
  private static final int INITIAL_STOCK = 20_000;

  /** The shortest history: the faults may take less. */
  private static final Duration MINIMUM_LENGTH = Duration.ofSeconds(30);

  private final Cluster cluster;
  private final StoreHttp http;
  private HistoryClients clients;

  HistoryRun(Cluster cluster) {
    this.cluster = cluster;
    this.http = new StoreHttp(URI.create(cluster.frontendUrl()), cluster.adminPassword());
  }

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
   * Runs the clients for at least 30 s with the nemesis's faults, then checks the history.
   *
   * @param nemesis the faults
   * @throws AssertionError naming every rule that does not hold, with its violations
   */
  void run(Nemesis nemesis) {
    List<Integer> items = HistoryClients.createItems(http, "Jepsen", ITEMS, INITIAL_STOCK);
    clients = new HistoryClients(http, items, INITIAL_STOCK, CLIENTS, 0);
    List<Fault> faults;
    try {
      awaitOperations(200);
      faults = nemesis.inject(this);
      long minimum = clients.startNanos() + MINIMUM_LENGTH.toNanos();
      await("a history of at least " + MINIMUM_LENGTH.toSeconds() + " s")
          .atMost(Duration.ofMinutes(2))
          .until(System::nanoTime, now -> now >= minimum);
      awaitOperations(200);
    } catch (RuntimeException | Error failed) {
      clients.stop(List.of()); // the nemesis's failure says what went wrong; nothing to check
      throw failed;
    }
    check(clients.stop(faults));
  }

  private void check(History history) {
    long buys = history.operations().stream().filter(o -> o.type() == Operation.Type.BUY).count();
    System.out.printf(
        "history: %d operations in %.0f s, %d buys (%d acknowledged)%n",
        history.operations().size(),
        history.secondsSinceStart(history.endNanos()),
        buys,
        history.operations().stream().filter(Operation::acknowledgedBuy).count());
    for (Fault fault : history.faults()) {
      System.out.println(
          fault.describe() + ": " + FaultTiming.of(fault, history.operations()).describe());
    }
    Map<String, URI> replicas = new TreeMap<>();
    for (String service : List.of("catalog", "order")) {
      List<String> urls = cluster.replicaUrls(service);
      for (int id = 1; id <= urls.size(); id++) {
        replicas.put(service + "-" + id, URI.create(urls.get(id - 1)));
      }
    }
    Verdict verdict =
        new HistoryChecker()
            .check(
                history,
                new ReplicaStateReader(http, cluster.clusterSecret())
                    .awaitConvergedState(replicas, history.items(), Duration.ofSeconds(60)));
    System.out.print(VerdictReport.table(verdict));
    if (!verdict.check(HistoryChecker.REPLICAS_CONVERGED).holds()) {
      cluster.keepEvidence("catalog");
      cluster.keepEvidence("order");
    }
    assertTrue(verdict.holds(), "the history check:\n" + verdict.violations());
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
   * @param kind {@link Fault.Kind#FREEZE} or {@link Fault.Kind#PARTITION}, for the report
   * @param service "catalog" or "order"
   * @param inflict breaks the named node, e.g. {@code cluster::freeze}
   * @param during runs while the fault lasts (its length, or a wait for what must happen meanwhile)
   * @param mend undoes the fault on the named node, e.g. {@code cluster::thaw}
   * @return the fault, for the history check's report
   */
  Fault onPrimary(
      Fault.Kind kind,
      String service,
      Consumer<String> inflict,
      Runnable during,
      Consumer<String> mend) {
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
    long healed = System.nanoTime();
    await(primary + ", mended, to leave epoch " + epoch)
        .atMost(Duration.ofSeconds(60))
        .until(() -> epochAt(url), now -> now > epoch);
    awaitOperations(100);
    return new Fault(kind, primary, true, inflicted, healed);
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
    awaitMore("successful operations", HistoryClients.SUCCESSFUL, count);
  }

  /**
   * Waits until the clients have had {@code count} more buys acknowledged (a nemesis calls it to
   * see the store sell while a fault lasts).
   *
   * @param count acknowledged buys, at most a minute's worth
   */
  void awaitAcknowledgedBuys(int count) {
    awaitMore("acknowledged buys", HistoryClients.ACKNOWLEDGED_BUYS, count);
  }

  private void awaitMore(String what, Predicate<Operation> which, int count) {
    try {
      clients.awaitMore(what, which, count, Duration.ofMinutes(1));
    } catch (TimeoutException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }
}
