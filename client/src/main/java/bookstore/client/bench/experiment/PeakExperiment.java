package bookstore.client.bench.experiment;

import bookstore.client.bench.BenchResult;
import bookstore.client.bench.Benchmark;
import bookstore.client.bench.load.LoadGenerator;
import bookstore.client.bench.load.Operation;
import bookstore.client.bench.load.Workload;
import bookstore.client.bench.load.Workloads;
import bookstore.client.bench.report.Charts;
import bookstore.client.bench.report.Format;
import bookstore.client.bench.report.MarkdownTable;
import bookstore.client.bench.report.OperationStats;
import bookstore.client.bench.store.ReplicaFinder;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Throughput and latency at rising concurrency (by default 1, 4, 16 and 64 connections, each a
 * client sending requests back to back) for four workloads: cached lookups of one item, lookups
 * with the cache off, searches of one topic, and buys of one item with ample stock. Each workload
 * first warms up at {@value #WARM_UP_CONNECTIONS} connections (reported, not counted). Writes the {@code peak} section of
 * {@code docs/EVALUATION.md} and the figures for the targets.
 */
public final class PeakExperiment {
  /** Connections of each workload's warm-up run. */
  static final int WARM_UP_CONNECTIONS = 4;
  /** The topic searched: three of the seeded books. */
  public static final String TOPIC = "distributed systems";

  private final Benchmark bench;
  private final List<Integer> connections;
  private final Duration duration;
  private final Duration warmUp;

  /**
   * @param bench the benchmark
   * @param connections the concurrency levels, e.g. 1, 4, 16, 64
   * @param duration each level's run length
   * @param warmUp each workload's warm-up run's length
   */
  public PeakExperiment(Benchmark bench, List<Integer> connections, Duration duration, Duration warmUp) {
    this.bench = bench;
    this.connections = List.copyOf(connections);
    this.duration = duration;
    this.warmUp = warmUp;
  }

  private record Kind(String name, Operation operation, Workload workload, boolean cache) {}

  /**
   * Runs every workload at every concurrency level and writes the document.
   *
   * @param dir where each run writes its CSV and plots
   * @param doc the document to write the {@code peak} section of
   * @return the document's path
   */
  public Path run(Path dir, EvaluationDocument doc) {
    Machine machine = Machine.current();
    ReplicaFinder replicas = new ReplicaFinder(bench.http());
    String cluster = replicas.count("catalog") + " catalog + " + replicas.count("order") + " order replicas";
    int bought = bench.admin().addItem("bench peak buys", 1_000_000, BigDecimal.ONE).id();
    List<Kind> kinds =
        List.of(
            new Kind("cached lookup", Operation.LOOKUP, Workloads.lookups(1), true),
            new Kind("uncached lookup", Operation.LOOKUP, Workloads.lookups(1), false),
            new Kind("search (cache on)", Operation.SEARCH, Workloads.searches(TOPIC), true),
            new Kind("buy", Operation.BUY, Workloads.buys(bought), true));
    MarkdownTable table = new MarkdownTable("workload", "connections", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "errors");
    Map<String, List<double[]>> throughput = new LinkedHashMap<>();
    Map<String, List<double[]>> latency = new LinkedHashMap<>();
    for (Kind kind : kinds) {
      String slug = kind.name().replaceAll("[^a-z]+", "-").replaceAll("-$", "");
      bench.run("warm-up: " + kind.name(), plan(WARM_UP_CONNECTIONS, warmUp), kind.workload(), kind.cache(), dir.resolve(slug + "-warm-up"));
      for (int n : connections) {
        BenchResult r = bench.run(kind.name() + ", " + n + " connections", plan(n, duration), kind.workload(), kind.cache(), dir.resolve(slug + "-" + n));
        OperationStats s = r.stats(kind.operation()).orElse(null);
        if (s == null) {
          table.row(kind.name(), Integer.toString(n), "n/a", "n/a", "n/a", "n/a", "n/a", "n/a");
          continue;
        }
        double okPerSecond = s.ok() / (r.run().wall().toNanos() / 1e9);
        table.row(
            kind.name(), Integer.toString(n), Format.rate(okPerSecond), Format.ms(s.p50Ms()), Format.ms(s.p90Ms()),
            Format.ms(s.p99Ms()), Format.ms(s.maxMs()), Long.toString(s.errors()));
        throughput.computeIfAbsent(kind.name(), k -> new ArrayList<>()).add(new double[] {n, okPerSecond});
        latency.computeIfAbsent(kind.name(), k -> new ArrayList<>()).add(new double[] {n, s.p50Ms()});
        String context = "peak, " + cluster;
        if (n == 1) {
          switch (kind.name()) {
            case "cached lookup" -> doc.figure(Target.CACHED_LOOKUP_P50, s.p50Ms(), context);
            case "uncached lookup" -> doc.figure(Target.UNCACHED_LOOKUP_P50, s.p50Ms(), context);
            case "buy" -> doc.figure(Target.BUY_P50, s.p50Ms(), context);
            default -> { }
          }
        } else if (n == 16) {
          switch (kind.name()) {
            case "cached lookup" -> doc.figure(Target.CACHED_LOOKUP_THROUGHPUT, okPerSecond, context);
            case "buy" -> doc.figure(Target.BUY_THROUGHPUT, okPerSecond, context);
            default -> { }
          }
        }
      }
    }
    Path throughputPng = dir.resolve("peak-throughput.png");
    Path latencyPng = dir.resolve("peak-latency.png");
    Charts.lines("Throughput at rising concurrency", "connections (log scale)", "successful requests/s", true, throughput, throughputPng);
    Charts.lines("Median latency at rising concurrency", "connections (log scale)", "p50 latency (ms)", true, latency, latencyPng);
    bench.out().println("\n## Peak\n\n" + table);
    doc.section(
        "peak",
        "## Peak\n\n"
            + "Machine: " + machine.describe() + ".  \n"
            + "Store: " + cluster + ", front end " + bench.http().frontend() + ".  \n"
            + "Raw results: `" + dir + "`.\n\n"
            + "Each connection is one client sending the same request back to back, " + Format.seconds(duration)
            + " per level, after a " + Format.seconds(warmUp) + " warm-up per workload. Cached lookups: item 1, "
            + "cache on; uncached lookups: item 1, cache off; searches: topic '" + TOPIC + "', cache on; buys: one unit "
            + "of an item created with ample stock. Throughput counts successful requests over the run's wall time.\n\n"
            + table + "\n" + doc.plot(throughputPng, "peak-throughput") + "\n" + doc.plot(latencyPng, "peak-latency"));
    Path written = doc.write();
    bench.out().println("wrote " + written);
    return written;
  }

  private static LoadGenerator.Plan plan(int clients, Duration length) {
    return new LoadGenerator.Plan(clients, length, 0, Duration.ZERO, List.of());
  }
}
