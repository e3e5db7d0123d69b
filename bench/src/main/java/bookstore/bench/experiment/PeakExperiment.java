package bookstore.bench.experiment;

import bookstore.bench.BenchResult;
import bookstore.bench.Benchmark;
import bookstore.bench.load.LoadGenerator;
import bookstore.bench.load.Operation;
import bookstore.bench.load.Workload;
import bookstore.bench.load.Workloads;
import bookstore.bench.report.Charts;
import bookstore.bench.report.CpuUsage;
import bookstore.bench.report.Format;
import bookstore.bench.report.MarkdownTable;
import bookstore.bench.report.OperationStats;
import bookstore.bench.store.NodeCpu;
import bookstore.bench.store.ReplicaFinder;
import bookstore.bench.store.StoreAdmin;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * Throughput and latency at rising concurrency (by default 1, 4, 16 and 64 connections, each a
 * client sending requests back to back) for four workloads: cached lookups of one item, lookups
 * with the cache off, searches of one topic, and buys of one item with ample stock. Each workload
 * first warms up at {@value #WARM_UP_CONNECTIONS} connections (reported, not counted), after a
 * {@link ClusterWarmUp} of the whole cluster before the first run. Cached lookups and buys are also
 * measured with {@link Wrk} when it is installed, right after the JVM load generator's run at each
 * level: the JVM generator shares the 2 cores with the nodes, wrk needs far less of them. wrk's
 * buys cycle over the experiment's items ({@link ClusterWarmUp#items()}, {@code --items}),
 * restocked first. Every row also gives the nodes' CPU time per request ({@link NodeCpu}). Writes
 * the {@code peak} section of {@code docs/EVALUATION.md} and the figures for the targets.
 */
public final class PeakExperiment {
  /** Connections of each workload's warm-up run. */
  static final int WARM_UP_CONNECTIONS = 4;

  /** The peak table's columns. */
  private static final String[] COLUMNS = {
    "workload",
    "connections",
    "req/s",
    "p50 ms",
    "p90 ms",
    "p99 ms",
    "max ms",
    "errors",
    CpuUsage.COLUMN
  };

  /** The peak table's row of wrk's cached lookups. */
  static final String WRK_ROW = "cached lookup (wrk)";

  /** The peak table's row of wrk's buys. */
  static final String WRK_BUY_ROW = "buy (wrk)";

  /**
   * Stock (items) each item of wrk's buys holds at least before a run, per second of the run: far
   * more than the store sells (some hundred buys/s on the 2-core machine), so no buy is refused. At
   * most {@link StoreAdmin#MAX_RESTOCK} in all.
   */
  public static final int WRK_BUY_STOCK_PER_SECOND = 10_000;

  private static final String WRK_TEXT =
      "Cached lookups and buys are measured twice at each level: by the JVM load generator, then by wrk (`wrk -t2 -cN "
          + "-dD --latency`, one thread for one connection), a lighter load generator written in C. The JVM generator "
          + "shares the 2 cores with the nodes and spends a good part of them itself, so at high concurrency its "
          + "figure shows its own limit as much as the store's; wrk's rows (`"
          + WRK_ROW
          + "`, `"
          + WRK_BUY_ROW
          + "`) come "
          + "closer to the server's capacity. wrk's buys are sent by a Lua script (`-s`): `POST /api/orders` for one unit "
          + "of each of items %s in turn (the JVM generator's buys are all of one item), each with an `Idempotency-Key` "
          + "of its own; those items are first restocked to at least "
          + WRK_BUY_STOCK_PER_SECOND
          + " units per second of "
          + "the run, so no buy is refused for want of stock. wrk's req/s counts 2xx and 3xx answers; its errors are the "
          + "other answers and socket errors (its default 2 s timeout included); its max is the longest request in any "
          + "of its threads.\n\n";

  /** The topic searched: three of the seeded books. */
  public static final String TOPIC = "distributed systems";

  private final Benchmark bench;
  private final List<Integer> connections;
  private final Duration duration;
  private final Duration warmUp;
  private final ClusterWarmUp clusterWarmUp;
  private final Optional<Wrk> wrk;

  /**
   * @param bench the benchmark
   * @param connections the concurrency levels, e.g. 1, 4, 16, 64
   * @param duration each level's run length
   * @param warmUp each workload's warm-up run's length
   * @param clusterWarmUp the load on the whole cluster before the first run
   * @param wrk the cross-check of cached lookups, or empty to do without (see {@link Wrk#onPath()})
   */
  public PeakExperiment(
      Benchmark bench,
      List<Integer> connections,
      Duration duration,
      Duration warmUp,
      ClusterWarmUp clusterWarmUp,
      Optional<Wrk> wrk) {
    this.bench = bench;
    this.connections = List.copyOf(connections);
    this.duration = duration;
    this.warmUp = warmUp;
    this.clusterWarmUp = clusterWarmUp;
    this.wrk = wrk;
  }

  /**
   * A workload of the table.
   *
   * @param wrkRow the name of wrk's row of the same requests, or null when wrk does not run them
   */
  private record Kind(
      String name, Operation operation, Workload workload, boolean cache, String wrkRow) {}

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
    String cluster =
        replicas.count("catalog") + " catalog + " + replicas.count("order") + " order replicas";
    clusterWarmUp.run(bench, dir.resolve("cluster-warm-up"));
    if (wrk.isEmpty()) {
      bench
          .out()
          .println(
              "wrk is not on the PATH: cached lookups and buys are measured by the JVM load generator only");
    }
    int bought = bench.admin().addItem("bench peak buys", 1_000_000, BigDecimal.ONE).id();
    List<Kind> kinds =
        List.of(
            new Kind("cached lookup", Operation.LOOKUP, Workloads.lookups(1), true, WRK_ROW),
            new Kind("uncached lookup", Operation.LOOKUP, Workloads.lookups(1), false, null),
            new Kind("search (cache on)", Operation.SEARCH, Workloads.searches(TOPIC), true, null),
            new Kind("buy", Operation.BUY, Workloads.buys(bought), true, WRK_BUY_ROW));
    MarkdownTable table = new MarkdownTable(COLUMNS);
    Map<String, List<double[]>> throughput = new LinkedHashMap<>();
    Map<String, List<double[]>> latency = new LinkedHashMap<>();
    for (Kind kind : kinds) {
      String slug = kind.name().replaceAll("[^a-z]+", "-").replaceAll("-$", "");
      bench.run(
          "warm-up: " + kind.name(),
          plan(WARM_UP_CONNECTIONS, warmUp),
          kind.workload(),
          kind.cache(),
          dir.resolve(slug + "-warm-up"));
      List<List<String>> wrkRows = new ArrayList<>();
      for (int n : connections) {
        BenchResult r =
            bench.run(
                kind.name() + ", " + n + " connections",
                plan(n, duration),
                kind.workload(),
                kind.cache(),
                dir.resolve(slug + "-" + n));
        OperationStats s = r.stats(kind.operation()).orElse(null);
        if (s == null) {
          table.row(
              kind.name(),
              Integer.toString(n),
              "n/a",
              "n/a",
              "n/a",
              "n/a",
              "n/a",
              "n/a",
              r.cpuPerOperationCell());
          continue;
        }
        double okPerSecond = s.ok() / (r.run().wall().toNanos() / 1e9);
        table.row(
            row(
                kind.name(),
                n,
                okPerSecond,
                s.p50Ms(),
                s.p90Ms(),
                s.p99Ms(),
                s.maxMs(),
                s.errors(),
                r.cpuPerOperationCell()));
        addPoint(throughput, kind.name(), n, okPerSecond);
        addPoint(latency, kind.name(), n, s.p50Ms());
        String context = "peak, " + cluster;
        Optional<WrkRun> byWrk =
            kind.wrkRow() == null ? Optional.empty() : wrk(kind, n, wrkRows, throughput, latency);
        if (n == 1) {
          switch (kind.name()) {
            case "cached lookup" -> doc.figure(Target.CACHED_LOOKUP_P50, s.p50Ms(), context);
            case "uncached lookup" -> doc.figure(Target.UNCACHED_LOOKUP_P50, s.p50Ms(), context);
            case "buy" -> doc.figure(Target.BUY_P50, s.p50Ms(), context);
            default -> {}
          }
        } else if (n == 16) {
          switch (kind.name()) {
            case "cached lookup" -> {
              doc.figure(Target.CACHED_LOOKUP_THROUGHPUT, okPerSecond, context);
              byWrk.ifPresent(
                  w -> doc.wrkFigure(Target.CACHED_LOOKUP_THROUGHPUT, w.result().okPerSecond()));
            }
            case "uncached lookup" ->
                doc.figure(Target.UNCACHED_LOOKUP_THROUGHPUT, okPerSecond, context);
            case "buy" -> {
              doc.figure(Target.BUY_THROUGHPUT, okPerSecond, context);
              byWrk.ifPresent(w -> doc.wrkFigure(Target.BUY_THROUGHPUT, w.result().okPerSecond()));
              r.cpu()
                  .perOperationMs(r.total())
                  .ifPresent(ms -> doc.figure(Target.CPU_PER_BUY, ms, context));
              byWrk
                  .flatMap(w -> optional(w.cpu().perOperationMs(w.result().requests())))
                  .ifPresent(ms -> doc.wrkFigure(Target.CPU_PER_BUY, ms));
            }
            default -> {}
          }
        }
      }
      wrkRows.forEach(table::row);
    }
    Path throughputPng = dir.resolve("peak-throughput.png");
    Path latencyPng = dir.resolve("peak-latency.png");
    Charts.lines(
        "Throughput at rising concurrency",
        "connections (log scale)",
        "successful requests/s",
        true,
        throughput,
        throughputPng);
    Charts.lines(
        "Median latency at rising concurrency",
        "connections (log scale)",
        "p50 latency (ms)",
        true,
        latency,
        latencyPng);
    bench.out().println("\n## Peak\n\n" + table);
    doc.section(
        "peak",
        "## Peak\n\n"
            + "Machine: "
            + machine.describe()
            + ".  \n"
            + "Store: "
            + cluster
            + ", front end "
            + bench.http().frontend()
            + ".  \n"
            + clusterWarmUp.describe()
            + "  \n"
            + "Raw results: `"
            + dir
            + "`.\n\n"
            + "Each connection is one client sending the same request back to back, "
            + Format.seconds(duration)
            + " per level, after a "
            + Format.seconds(warmUp)
            + " warm-up per workload. Cached lookups: item 1, "
            + "cache on; uncached lookups: item 1, cache off; searches: topic '"
            + TOPIC
            + "', cache on; buys: one unit "
            + "of an item created with ample stock. Throughput counts successful requests over the run's wall time. "
            + CpuUsage.EXPLAINED
            + "\n\n"
            + (throughput.containsKey(WRK_ROW) || throughput.containsKey(WRK_BUY_ROW)
                ? WRK_TEXT.formatted(buyItemList())
                : "")
            + table
            + "\n"
            + doc.plot(throughputPng, "peak-throughput")
            + "\n"
            + doc.plot(latencyPng, "peak-latency"));
    Path written = doc.write();
    bench.out().println("wrote " + written);
    return written;
  }

  /**
   * Runs wrk on the requests of {@code kind} at {@code n} connections, with the kind's cache
   * setting (restored after): cached lookups of item 1, or buys of the experiment's items
   * (restocked first, see {@link #WRK_BUY_STOCK_PER_SECOND}); reads the nodes' CPU time around it.
   * Adds its row for the table and its points for the plots; prints the failure and carries on when
   * wrk or the restock fails.
   */
  private Optional<WrkRun> wrk(
      Kind kind,
      int n,
      List<List<String>> rows,
      Map<String, List<double[]>> throughput,
      Map<String, List<double[]>> latency) {
    if (wrk.isEmpty()) {
      return Optional.empty();
    }
    boolean buys = kind.operation() == Operation.BUY;
    URI url = buys ? bench.http().frontend().resolve("/api/orders") : bench.http().lookup(1).uri();
    boolean cacheWas = bench.admin().cacheEnabled();
    Wrk.Result r;
    CpuUsage cpu;
    try {
      if (cacheWas != kind.cache()) {
        bench.admin().switchCache(kind.cache());
      }
      String script = null;
      if (buys) {
        restockBuyItems();
        script = Wrk.buyScript(buyItems());
      }
      bench
          .out()
          .println(
              "\nwrk: "
                  + (buys ? "buys of items " + buyItemList() : "cached lookups")
                  + ", "
                  + n
                  + " connections, "
                  + Format.seconds(duration)
                  + " ("
                  + url
                  + ")");
      NodeCpu.Snapshot before = bench.nodeCpu().snapshot();
      r = wrk.get().run(n, duration, url, script);
      cpu = bench.nodeCpu().since(before);
    } catch (IOException | IllegalStateException e) {
      bench
          .out()
          .println(
              "wrk failed, no "
                  + kind.wrkRow()
                  + " row for "
                  + n
                  + " connections: "
                  + e.getMessage());
      return Optional.empty();
    } finally {
      if (cacheWas != kind.cache()) {
        bench.admin().switchCache(cacheWas);
      }
    }
    List<String> row =
        row(
            kind.wrkRow(),
            n,
            r.okPerSecond(),
            r.p50Ms(),
            r.p90Ms(),
            r.p99Ms(),
            r.maxMs(),
            r.errors(),
            cpu.perOperationCell(r.requests()));
    rows.add(row);
    bench.out().println(new MarkdownTable(COLUMNS).row(row));
    bench.out().print(cpu.table(Math.max(0, r.requests())));
    addPoint(throughput, kind.wrkRow(), n, r.okPerSecond());
    addPoint(latency, kind.wrkRow(), n, r.p50Ms());
    return Optional.of(new WrkRun(r, cpu));
  }

  /**
   * @return a row of the peak table ({@link #COLUMNS}): rate in requests/s, latencies in ms
   */
  private static List<String> row(
      String workload,
      int connections,
      double okPerSecond,
      double p50Ms,
      double p90Ms,
      double p99Ms,
      double maxMs,
      long errors,
      String cpuPerOperation) {
    return List.of(
        workload,
        Integer.toString(connections),
        Format.rate(okPerSecond),
        Format.ms(p50Ms),
        Format.ms(p90Ms),
        Format.ms(p99Ms),
        Format.ms(maxMs),
        Long.toString(errors),
        cpuPerOperation);
  }

  /** Adds the point ({@code x}, {@code y}) to the line {@code name} of a plot's series. */
  private static void addPoint(Map<String, List<double[]>> series, String name, int x, double y) {
    series.computeIfAbsent(name, k -> new ArrayList<>()).add(new double[] {x, y});
  }

  /**
   * One wrk run and what the nodes spent in it.
   *
   * @param result wrk's figures
   * @param cpu the nodes' CPU time over the run
   */
  private record WrkRun(Wrk.Result result, CpuUsage cpu) {}

  private static Optional<Double> optional(OptionalDouble value) {
    return value.isPresent() ? Optional.of(value.getAsDouble()) : Optional.empty();
  }

  /**
   * @return the items wrk's buys cycle over: the experiment's items ({@code --items})
   */
  private List<Integer> buyItems() {
    return clusterWarmUp.items().items();
  }

  /**
   * @return wrk's buy items for the text, e.g. {@code 1, 2, 3}
   */
  private String buyItemList() {
    return buyItems().stream().map(String::valueOf).collect(Collectors.joining(", "));
  }

  /**
   * Tops each of wrk's buy items up to {@link #WRK_BUY_STOCK_PER_SECOND} units per second of the
   * run.
   */
  private void restockBuyItems() {
    long units = Math.min(StoreAdmin.MAX_RESTOCK, WRK_BUY_STOCK_PER_SECOND * Wrk.seconds(duration));
    for (int item : buyItems()) {
      bench.admin().ensureStock(item, (int) units);
    }
  }

  private static LoadGenerator.Plan plan(int clients, Duration length) {
    return new LoadGenerator.Plan(clients, length, 0, Duration.ZERO, List.of());
  }
}
