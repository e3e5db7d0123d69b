package bookstore.bench;

import bookstore.bench.load.LoadGenerator;
import bookstore.bench.load.Operation;
import bookstore.bench.load.Workload;
import bookstore.bench.load.Workloads;
import bookstore.bench.report.Charts;
import bookstore.bench.report.CpuUsage;
import bookstore.bench.report.OperationStats;
import bookstore.bench.report.OutputFiles;
import bookstore.bench.report.ProgressBar;
import bookstore.bench.report.SampleCsv;
import bookstore.bench.store.NodeCpu;
import bookstore.bench.store.StoreAdmin;
import bookstore.client.StoreHttp;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's Java API: runs a workload against the store and writes what it measured into a
 * directory: {@code requests.csv} (every request), {@code summary.md} (the table it prints), {@code
 * latency-over-time.png} and {@code histogram-<operation>.png}. Around each run it reads the CPU
 * time the store's node processes spent ({@link NodeCpu}) and reports it after the latency table,
 * per node and per request. One instance sends through one {@link StoreHttp}; its keep-alive
 * connections are reused from run to run (the JDK closes one after 5 s idle).
 */
public final class Benchmark {
  private final StoreHttp http;
  private final StoreAdmin admin;
  private final PrintStream out;
  private final PrintStream progress;
  private final NodeCpu nodeCpu;

  /**
   * Measures the nodes of the run directory {@code ./bookstore bench} names ({@link
   * NodeCpu#fromEnvironment()}).
   *
   * @param frontend the front end's base URL
   * @param out where the tables go (standard output)
   * @param progress where the progress bar goes (standard error), or null for none
   */
  public Benchmark(URI frontend, PrintStream out, PrintStream progress) {
    this(frontend, out, progress, NodeCpu.fromEnvironment());
  }

  /**
   * @param frontend the front end's base URL
   * @param out where the tables go (standard output)
   * @param progress where the progress bar goes (standard error), or null for none
   * @param nodeCpu reads the nodes' CPU time around each run
   */
  public Benchmark(URI frontend, PrintStream out, PrintStream progress, NodeCpu nodeCpu) {
    this.http = new StoreHttp(frontend);
    this.admin = new StoreAdmin(http);
    this.out = out;
    this.progress = progress;
    this.nodeCpu = nodeCpu;
  }

  /**
   * @return the store, as this benchmark reaches it
   */
  public StoreHttp http() {
    return http;
  }

  /**
   * @return the store's admin calls
   */
  public StoreAdmin admin() {
    return admin;
  }

  /**
   * @return where the tables go
   */
  public PrintStream out() {
    return out;
  }

  /**
   * @return what reads the nodes' CPU time, for runs of other load generators (wrk)
   */
  public NodeCpu nodeCpu() {
    return nodeCpu;
  }

  /**
   * Runs the course's session (lookup, then buy with probability p).
   *
   * @param plan the run
   * @param dir where to write the CSV, summary and plots (created)
   * @return what it measured
   */
  public BenchResult run(BenchPlan plan, Path dir) {
    return run(
        plan.describe(),
        plan.load(),
        Workloads.browseAndBuy(plan.items(), plan.buyProbability()),
        plan.cache(),
        dir);
  }

  /**
   * Runs any workload.
   *
   * @param title what runs, for the table and the plots
   * @param load clients, duration or requests, actions
   * @param workload each client's sessions
   * @param cache the front end's cache during the run (restored after), or null to leave it
   * @param dir where to write the CSV, summary and plots (created)
   * @return what it measured
   */
  public BenchResult run(
      String title, LoadGenerator.Plan load, Workload workload, Boolean cache, Path dir) {
    OutputFiles.directory(dir);
    Boolean before = cache == null ? null : admin.cacheEnabled();
    if (cache != null) {
      admin.switchCache(cache);
    }
    LoadGenerator.Run run;
    CpuUsage cpu;
    try {
      LoadGenerator.Progress bar =
          progress == null ? (completed, plan) -> () -> {} : new ProgressBar(progress, title);
      NodeCpu.Snapshot cpuBefore = nodeCpu.snapshot();
      run = new LoadGenerator(http).run(load, workload, bar);
      cpu = nodeCpu.since(cpuBefore);
    } finally {
      if (before != null && !before.equals(cache)) {
        admin.switchCache(before);
      }
    }
    Map<Operation, OperationStats> stats = OperationStats.of(run.samples(), run.wall());
    Path csv = dir.resolve("requests.csv");
    SampleCsv.write(run.samples(), csv);
    List<Path> plots = new ArrayList<>();
    Path overTime = dir.resolve("latency-over-time.png");
    Charts.latencyOverTime("Latency per request: " + title, run.samples(), run.markers(), overTime);
    plots.add(overTime);
    for (OperationStats s : stats.values()) {
      Path histogram = dir.resolve("histogram-" + s.operation().label() + ".png");
      Charts.histogram(s.operation().label() + " latency: " + title, s.latency(), histogram);
      plots.add(histogram);
    }
    BenchResult result = new BenchResult(title, dir, csv, List.copyOf(plots), run, stats, cpu);
    String summary = "### " + title + "\n\n" + result.table() + "\n" + result.cpuTable();
    OutputFiles.write(dir.resolve("summary.md"), summary);
    out.println();
    out.print(summary);
    out.println("(" + run.wall().toMillis() / 1000.0 + " s; every request in " + csv + ")");
    out.flush();
    return result;
  }
}
