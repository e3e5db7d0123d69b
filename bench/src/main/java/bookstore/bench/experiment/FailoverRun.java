package bookstore.bench.experiment;

import bookstore.bench.BenchPlan;
import bookstore.bench.BenchResult;
import bookstore.bench.Benchmark;
import bookstore.bench.load.LoadGenerator;
import bookstore.bench.load.Operation;
import bookstore.bench.load.Outcome;
import bookstore.bench.load.Sample;
import bookstore.bench.load.Workloads;
import bookstore.bench.report.Format;
import bookstore.bench.report.MarkdownTable;
import bookstore.bench.report.OutputFiles;
import bookstore.bench.store.ClusterControl;
import bookstore.bench.store.Replica;
import bookstore.bench.store.ReplicaFinder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A run with the catalog primary killed in the middle: the course's session on N clients; at {@code
 * killAfter} the primary gets SIGKILL, {@code restartAfter} later its restart begins in the
 * background. Reports the longest request and the errors in a window from {@value #WINDOW_BEFORE_S}
 * s before to {@value #WINDOW_AFTER_S} s after the kill, and plots latency over time with the kill
 * and restart marked. Waits for the restart to finish before it returns, so the cluster is whole
 * again.
 */
public final class FailoverRun {
  /** The window around the kill starts this many seconds before it. */
  public static final double WINDOW_BEFORE_S = 1;

  /** The window around the kill ends this many seconds after it. */
  public static final double WINDOW_AFTER_S = 10;

  private static final Duration RESTART_TIMEOUT = Duration.ofMinutes(6);

  private final Benchmark bench;
  private final ClusterControl control;

  /**
   * @param bench the benchmark
   * @param control kills and restarts nodes
   */
  public FailoverRun(Benchmark bench, ClusterControl control) {
    this.bench = bench;
    this.control = control;
  }

  /**
   * What happened.
   *
   * @param node the node killed
   * @param result the run
   * @param killAtSeconds when it was killed, seconds since the run started (NaN: not killed)
   * @param maxInWindow longest request in the window, per operation, in ms
   * @param errorsInWindow failed requests in the window
   * @param restart how the restart ended
   */
  public record Outcomes(
      String node,
      BenchResult result,
      double killAtSeconds,
      Map<Operation, Double> maxInWindow,
      long errorsInWindow,
      String restart) {
    /**
     * @return the longest request of any operation in the window, in ms (NaN: none)
     */
    public double maxLatencyMs() {
      return maxInWindow.values().stream()
          .mapToDouble(Double::doubleValue)
          .max()
          .orElse(Double.NaN);
    }
  }

  /**
   * @param plan clients, duration (the whole run), buy probability, items
   * @param killAfter when to kill the primary
   * @param restartAfter how long after the kill to start its restart
   * @param dir where to write the run
   * @return what happened, or empty when no catalog primary answers
   */
  public Optional<Outcomes> run(
      BenchPlan plan, Duration killAfter, Duration restartAfter, Path dir) {
    Optional<Replica> primary = new ReplicaFinder(bench.http()).primary("catalog");
    if (primary.isEmpty()) {
      return Optional.empty();
    }
    String node = primary.get().node();
    AtomicReference<Process> restart = new AtomicReference<>();
    OutputFiles.directory(dir);
    List<LoadGenerator.Action> actions =
        List.of(
            new LoadGenerator.Action("kill " + node, killAfter, () -> control.kill(node)),
            new LoadGenerator.Action(
                "restart " + node,
                killAfter.plus(restartAfter),
                () -> restart.set(control.restartInBackground(node, dir.resolve("restart.log")))));
    BenchResult result =
        bench.run(
            "failover: " + plan.describe() + ", kill " + node + " at " + Format.seconds(killAfter),
            plan.load().withActions(actions),
            Workloads.browseAndBuy(plan.items(), plan.buyProbability()),
            plan.cache(),
            dir);
    String restarted = awaitRestart(restart.get(), node);
    double killAt =
        result.run().markers().stream()
            .filter(m -> m.label().equals("kill " + node))
            .mapToDouble(LoadGenerator.Marker::atSeconds)
            .findFirst()
            .orElse(Double.NaN);
    Map<Operation, Double> max = new EnumMap<>(Operation.class);
    long errors = 0;
    for (Sample s : result.run().samples()) {
      double t = s.startSeconds();
      boolean inWindow = t >= killAt - WINDOW_BEFORE_S && t <= killAt + WINDOW_AFTER_S;
      if (inWindow) {
        max.merge(s.operation(), s.latencyMillis(), Math::max);
        errors += s.outcome() == Outcome.ERROR ? 1 : 0;
      }
    }
    return Optional.of(new Outcomes(node, result, killAt, max, errors, restarted));
  }

  /**
   * @param o what happened
   * @return a Markdown table of it
   */
  public static String table(Outcomes o) {
    MarkdownTable table =
        new MarkdownTable(
            "operation", "requests", "errors", "max ms in window", "p99 ms (whole run)");
    o.result()
        .stats()
        .values()
        .forEach(
            s ->
                table.row(
                    s.operation().label(),
                    Long.toString(s.count()),
                    Long.toString(s.errors()),
                    Format.ms(o.maxInWindow().getOrDefault(s.operation(), Double.NaN)),
                    Format.ms(s.p99Ms())));
    return table.toString();
  }

  private String awaitRestart(Process process, String node) {
    if (process == null) {
      return node + " was not restarted (the run ended first)";
    }
    long start = System.nanoTime();
    bench
        .out()
        .println(
            "waiting for " + node + " to be ready again (./bookstore restart " + node + ")...");
    try {
      if (!process.waitFor(RESTART_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroy();
        return node
            + " was not ready "
            + RESTART_TIMEOUT.toMinutes()
            + " min after its restart began";
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted while waiting for " + node;
    }
    return process.exitValue() == 0
        ? node
            + " ready again "
            + Math.round((System.nanoTime() - start) / 1e9)
            + " s after the run ended"
        : node + "'s restart failed (exit " + process.exitValue() + ")";
  }
}
