package bookstore.bench.experiment;

import bookstore.bench.BenchPlan;
import bookstore.bench.BenchResult;
import bookstore.bench.Benchmark;
import bookstore.bench.load.Operation;
import bookstore.bench.report.Charts;
import bookstore.bench.report.CpuUsage;
import bookstore.bench.report.Format;
import bookstore.bench.report.MarkdownTable;
import bookstore.bench.report.OperationStats;
import bookstore.bench.report.OutputFiles;
import bookstore.bench.store.ClusterControl;
import bookstore.bench.store.ReplicaFinder;
import bookstore.bench.store.StoreAdmin.InvalidationTimes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * The course's evaluation in one run, written into the {@code course} section of {@code
 * docs/EVALUATION.md}: (1) the buy probability swept with the cache on and off, (2) a lookup that
 * misses right after an invalidation against one that hits, (3) the invalidation time, as the front
 * end reports it and as a client bounds it, and (4) a failover run with the catalog primary killed.
 * A {@link ClusterWarmUp} loads the cluster before the first of them.
 */
public final class CourseExperiment {
  private final Benchmark bench;
  private final Settings settings;
  private final Optional<ClusterControl> control;

  /**
   * @param plan the session's clients, items and think time (its duration and p are swept)
   * @param sweepDuration each sweep run's length
   * @param probabilities the buy probabilities swept, e.g. 0, 0.2, 0.4, 0.6, 0.8
   * @param probeRounds writes the invalidation probe makes
   * @param failoverDuration the failover run's length
   * @param killAfter when the failover run kills the catalog primary
   * @param restartAfter how long after the kill its restart begins
   * @param clusterWarmUp the load on the whole cluster before the first measured run
   */
  public record Settings(
      BenchPlan plan,
      Duration sweepDuration,
      List<Double> probabilities,
      int probeRounds,
      Duration failoverDuration,
      Duration killAfter,
      Duration restartAfter,
      ClusterWarmUp clusterWarmUp) {}

  /**
   * @param bench the benchmark
   * @param settings what to run
   * @param control kills and restarts nodes for the failover run; empty skips that run
   */
  public CourseExperiment(Benchmark bench, Settings settings, Optional<ClusterControl> control) {
    this.bench = bench;
    this.settings = settings;
    this.control = control;
  }

  /**
   * Runs every part and writes the document.
   *
   * @param dir where each run writes its CSV and plots
   * @param doc the document to write the {@code course} section of
   * @return the document's path
   */
  public Path run(Path dir, EvaluationDocument doc) {
    Machine machine = Machine.current();
    ReplicaFinder replicas = new ReplicaFinder(bench.http());
    String cluster =
        replicas.count("catalog") + " catalog + " + replicas.count("order") + " order replicas";
    settings.clusterWarmUp().run(bench, dir.resolve("cluster-warm-up"));
    StringBuilder text = new StringBuilder("## Course experiment\n\n");
    text.append("Machine: ")
        .append(machine.describe())
        .append(".  \n")
        .append("Store: ")
        .append(cluster)
        .append(", front end ")
        .append(bench.http().frontend())
        .append(".  \n")
        .append(settings.clusterWarmUp().describe())
        .append("  \n")
        .append("Raw results (CSV of every request, plots): `")
        .append(dir)
        .append("`.\n\n");
    text.append(sweep(dir.resolve("sweep"), doc));
    text.append(invalidation(dir.resolve("invalidation")));
    text.append(failover(dir.resolve("failover"), doc, cluster));
    doc.section("course", text.toString());
    Path written = doc.write();
    bench.out().println("\nwrote " + written);
    return written;
  }

  private String sweep(Path dir, EvaluationDocument doc) {
    MarkdownTable table =
        new MarkdownTable(
            "p",
            "cache",
            "lookup p50 ms",
            "lookup p99 ms",
            "lookups/s",
            "buy p50 ms",
            "buy p99 ms",
            "buys/s",
            "errors",
            CpuUsage.COLUMN);
    Map<String, List<double[]>> lines = new LinkedHashMap<>();
    for (double p : settings.probabilities()) {
      for (boolean cache : List.of(true, false)) {
        BenchPlan plan =
            settings
                .plan()
                .withDuration(settings.sweepDuration())
                .withBuyProbability(p)
                .withCache(cache);
        BenchResult r =
            bench.run(
                plan,
                dir.resolve(String.format(Locale.ROOT, "p%.1f-cache-%s", p, cache ? "on" : "off")));
        Optional<OperationStats> lookup = r.stats(Operation.LOOKUP);
        Optional<OperationStats> buy = r.stats(Operation.BUY);
        long errors = r.stats().values().stream().mapToLong(OperationStats::errors).sum();
        table.row(
            Format.number(p),
            cache ? "on" : "off",
            ms(lookup, 50),
            ms(lookup, 99),
            rate(lookup),
            ms(buy, 50),
            ms(buy, 99),
            rate(buy),
            Long.toString(errors),
            r.cpuPerOperationCell());
        String setting = cache ? "cache on" : "cache off";
        lookup.ifPresent(
            s ->
                lines
                    .computeIfAbsent("lookup p50, " + setting, k -> new ArrayList<>())
                    .add(new double[] {p, s.p50Ms()}));
        buy.ifPresent(
            s ->
                lines
                    .computeIfAbsent("buy p50, " + setting, k -> new ArrayList<>())
                    .add(new double[] {p, s.p50Ms()}));
      }
    }
    Path png = dir.resolve("latency-vs-p.png");
    Charts.lines(
        "Median latency against the buy probability p",
        "buy probability p",
        "p50 latency (ms)",
        false,
        lines,
        png);
    bench.out().println("\n" + table);
    return "### 1. Buy probability and the cache\n\n"
        + "Each session looks one of the items up and then buys it with probability p; "
        + settings.plan().clients()
        + " clients, "
        + Format.seconds(settings.sweepDuration())
        + " per setting. "
        + "Latency in ms; throughput over the run's wall time. A buy refused as out of stock is not an error "
        + "(the load generator restocks the item). "
        + CpuUsage.EXPLAINED
        + "\n\n"
        + table
        + "\n"
        + doc.plot(png, "latency-vs-p")
        + "\n";
  }

  private String invalidation(Path dir) {
    OutputFiles.directory(dir);
    InvalidationProbe.Result r =
        new InvalidationProbe(bench.http(), bench.admin())
            .run(settings.probeRounds(), dir.resolve("invalidation.csv"));
    Optional<InvalidationTimes> server = bench.admin().invalidationTimes();
    MarkdownTable lookups = new MarkdownTable("lookup", "count", "p50 ms", "p99 ms", "max ms");
    lookups.row(row("hit (served by the cache)", r.hits()));
    lookups.row(row("miss right after an invalidation", r.misses()));
    MarkdownTable times =
        new MarkdownTable("invalidation time", "count", "p50 ms", "p99 ms", "max ms");
    times.row(
        server
            .map(
                s ->
                    List.of(
                        "front end: catalog commit to entry dropped",
                        Long.toString(s.count()),
                        Format.ms(s.p50Ms()),
                        Format.ms(s.p99Ms()),
                        Format.ms(s.maxMs())))
            .orElse(
                List.of("front end: catalog commit to entry dropped", "n/a", "n/a", "n/a", "n/a")));
    times.row(row("client bound: write acknowledged to first fresh lookup", r.invalidated()));
    String text =
        "### 2. A lookup that misses right after an invalidation, and one that hits\n\n"
            + r.rounds()
            + " rounds on an item of its own, cache on: two lookups (the second a hit), a price change, "
            + "lookups until one no longer answers the old price from the cache (that one is the miss), one more lookup (a hit).\n\n"
            + lookups
            + "\n"
            + "### 3. Invalidation time\n\n"
            + "The front end's own figure is the time from the catalog's commit to the entry leaving its cache "
            + "(`GET /api/admin/cache`, field `invalidations`; over every invalidation since the front end started)"
            + (server.isEmpty() ? ": **n/a**, this front end does not report it yet" : "")
            + ". The client bound runs from the write's acknowledgement to the end of the first lookup that no longer "
            + "returns the old price from the cache; "
            + r.stalePolls()
            + " lookups returned the old price from the cache after "
            + "the acknowledgement; "
            + r.unexpected()
            + " of "
            + r.rounds()
            + " rounds did not go as expected (a hit not "
            + "from the cache, a failed write, or no fresh answer within "
            + InvalidationProbe.GIVE_UP.toSeconds()
            + " s).\n\n"
            + times
            + "\n";
    bench.out().println("\n" + lookups + "\n" + times);
    return text;
  }

  private String failover(Path dir, EvaluationDocument doc, String cluster) {
    String heading = "### 4. Failover: the catalog primary killed\n\n";
    if (control.isEmpty()) {
      return heading
          + "Not run: it kills nodes through `$BOOKSTORE_HOME/bookstore`, which is not set (run `./bookstore bench`).\n";
    }
    BenchPlan plan = settings.plan().withDuration(settings.failoverDuration());
    Optional<FailoverRun.Outcomes> run =
        new FailoverRun(bench, control.get())
            .run(plan, settings.killAfter(), settings.restartAfter(), dir);
    if (run.isEmpty()) {
      return heading + "Not run: no catalog replica answered as primary.\n";
    }
    FailoverRun.Outcomes o = run.get();
    doc.figure(
        Target.FAILOVER_MAX_LATENCY,
        o.maxLatencyMs(),
        "course, " + plan.clients() + " clients, " + cluster);
    String table = FailoverRun.table(o);
    bench.out().println("\n" + table + o.restart());
    return heading
        + plan.describe()
        + "; "
        + o.node()
        + " (the primary) killed with SIGKILL at "
        + String.format(Locale.ROOT, "%.1f", o.killAtSeconds())
        + " s, its restart begun "
        + Format.seconds(settings.restartAfter())
        + " later ("
        + o.restart()
        + "). Window: "
        + Format.number(FailoverRun.WINDOW_BEFORE_S)
        + " s before to "
        + Format.number(FailoverRun.WINDOW_AFTER_S)
        + " s after the kill; longest request in it: **"
        + Format.ms(o.maxLatencyMs())
        + " ms**, errors in it: "
        + o.errorsInWindow()
        + ".\n\n"
        + table
        + "\n"
        + o.result().cpuTable()
        + "\n"
        + doc.plot(o.result().plots().get(0), "failover-latency")
        + "\n";
  }

  private static List<String> row(String what, Histogram micros) {
    boolean none = micros.getTotalCount() == 0;
    return List.of(
        what,
        Long.toString(micros.getTotalCount()),
        none ? "n/a" : Format.ms(micros.getValueAtPercentile(50) / 1e3),
        none ? "n/a" : Format.ms(micros.getValueAtPercentile(99) / 1e3),
        none ? "n/a" : Format.ms(micros.getMaxValue() / 1e3));
  }

  private static String ms(Optional<OperationStats> stats, double percentile) {
    return stats.map(s -> Format.ms(s.percentileMs(percentile))).orElse("n/a");
  }

  private static String rate(Optional<OperationStats> stats) {
    return stats.map(s -> Format.rate(s.throughput())).orElse("n/a");
  }
}
