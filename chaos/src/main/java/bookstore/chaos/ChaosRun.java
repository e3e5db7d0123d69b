package bookstore.chaos;

import bookstore.bench.store.ReplicaFinder;
import bookstore.chaos.check.Check;
import bookstore.chaos.check.FaultTiming;
import bookstore.chaos.check.HistoryChecker;
import bookstore.chaos.check.StoreState;
import bookstore.chaos.check.Verdict;
import bookstore.chaos.history.Fault;
import bookstore.chaos.history.History;
import bookstore.chaos.load.HistoryClients;
import bookstore.chaos.nemesis.Nemesis;
import bookstore.chaos.report.VerdictReport;
import bookstore.chaos.store.ReplicaStateReader;
import bookstore.client.StoreHttp;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * One chaos run against a running store: creates the run's items, starts the {@link
 * HistoryClients}, lets the {@link Nemesis} inject a fault every interval (each healed before the
 * next) until the duration is over, stops the clients, reads every replica once they have converged
 * and checks the history ({@link HistoryChecker}). Prints a progress line per fault.
 */
public final class ChaosRun {
  /** Items created for a run: the clients' buys spread over them. */
  static final int ITEMS = 4;

  /**
   * Stock each item is created with (items): more than a run sells (about 75 buys of 2 items/s, so
   * some 11,000 per item in 5 min), so that no item runs out and the store's restock (of items at
   * stock 0) never touches them: the stock check counts on it.
   */
  static final int INITIAL_STOCK = 1_000_000;

  /** Successful operations before the first fault, and after the last one before the end. */
  static final int SETTLE_OPERATIONS = 200;

  /**
   * The rule a run adds to the history check's: every fault was healed and the store served again
   * after it (else the nemesis stopped early, and says why).
   */
  public static final String EVERY_FAULT_HEALED = "every fault healed, the store serving after it";

  /**
   * A run's result.
   *
   * @param history every operation and fault
   * @param verdict the history check, and {@link #EVERY_FAULT_HEALED}
   * @param timings each fault's pause and slowest operation
   */
  public record Result(History history, Verdict verdict, List<FaultTiming> timings) {}

  private final StoreHttp http;
  private final String clusterSecret;
  private final PrintStream out;

  /**
   * @param http the store's front end, with the admin login (items, replica and event lists)
   * @param clusterSecret the cluster's secret (replicas answer only their cluster)
   * @param out where progress lines go
   */
  public ChaosRun(StoreHttp http, String clusterSecret, PrintStream out) {
    this.http = http;
    this.clusterSecret = clusterSecret;
    this.out = out;
  }

  /**
   * @param settings the run's options
   * @param nemesis what breaks the store
   * @return the history and its check
   * @throws IllegalStateException when the store cannot be set up for the run (items not created)
   */
  public Result run(VerdictReport.Settings settings, Nemesis nemesis) {
    List<Integer> items = HistoryClients.createItems(http, "Chaos", ITEMS, INITIAL_STOCK);
    HistoryClients clients =
        new HistoryClients(http, items, INITIAL_STOCK, settings.clients(), settings.seed());
    List<Fault> faults = new ArrayList<>();
    String aborted = null;
    try {
      clients.awaitMore(
          "successful operations",
          HistoryClients.SUCCESSFUL,
          SETTLE_OPERATIONS,
          Duration.ofMinutes(1));
      long end = clients.startNanos() + settings.duration().toNanos();
      long next = System.nanoTime();
      while (next - end < 0) {
        LockSupport.parkNanos(next - System.nanoTime()); // the interval is the schedule itself
        Fault fault = nemesis.injectNext();
        faults.add(fault);
        clients.awaitMore( // the fault's pause ends with it: its line reports the pause
            "buys acknowledged after " + fault.describe(),
            o -> o.acknowledgedBuy() && o.invokedNanos() >= fault.injectedNanos(),
            1,
            Duration.ofMinutes(1));
        out.println(
            VerdictReport.progressLine(
                (fault.injectedNanos() - clients.startNanos()) / 1e9,
                fault,
                FaultTiming.of(fault, clients.operations())));
        next = Math.max(fault.injectedNanos() + settings.interval().toNanos(), System.nanoTime());
      }
      LockSupport.parkNanos(end - System.nanoTime()); // the run's length, as asked
      clients.awaitMore(
          "successful operations",
          HistoryClients.SUCCESSFUL,
          SETTLE_OPERATIONS,
          Duration.ofMinutes(1));
    } catch (IllegalStateException | TimeoutException e) {
      aborted = e.getMessage();
      out.println("bookstore chaos: stopped early: " + aborted);
    }
    History history = clients.stop(faults);
    out.printf(
        "clients stopped after %.0f s; reading every replica once they agree (60 s at most)%n",
        history.secondsSinceStart(history.endNanos()));
    StoreState state =
        new ReplicaStateReader(http, clusterSecret)
            .awaitConvergedState(replicas(), items, Duration.ofSeconds(60));
    Verdict checked = new HistoryChecker().check(history, state);
    List<Check> checks = new ArrayList<>(checked.checks());
    checks.add(
        Check.of(
            EVERY_FAULT_HEALED,
            faults.size() + " faults injected",
            aborted == null ? List.of() : List.of(aborted)));
    Verdict verdict = new Verdict(checks);
    List<FaultTiming> timings =
        faults.stream().map(f -> FaultTiming.of(f, history.operations())).toList();
    return new Result(history, verdict, timings);
  }

  /**
   * @return every replica the front end knows, dead ones too, by node name
   */
  private Map<String, URI> replicas() {
    Map<String, URI> replicas = new TreeMap<>();
    for (ReplicaFinder.Listed r : new ReplicaFinder(http).listed()) {
      replicas.put(r.service() + "-" + r.replicaId(), URI.create(r.url()));
    }
    return replicas;
  }
}
