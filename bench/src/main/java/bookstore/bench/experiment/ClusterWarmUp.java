package bookstore.bench.experiment;

import bookstore.bench.BenchPlan;
import bookstore.bench.Benchmark;
import bookstore.bench.load.ItemMix;
import bookstore.bench.load.Workloads;
import bookstore.bench.report.Format;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Load on the whole cluster before an experiment's first measured run: freshly started Payara nodes
 * keep JIT-compiling for minutes (buys at 8 clients rose from 10/s to 48/s over five consecutive
 * runs, 3.5 minutes in all), so the experiments would otherwise measure a cold cluster. The
 * course's session on {@value #CLIENTS} clients, buy probability {@value #BUY_PROBABILITY}, with
 * the front end's cache off so the catalog replicas' read path warms too (the setting is restored
 * after). Not part of any figure; its run is written like any other.
 *
 * @param length how long to load the cluster; zero (or negative) skips the warm-up
 * @param items the items the sessions pick
 */
public record ClusterWarmUp(Duration length, ItemMix items) {
  /** Clients of the warm-up load. */
  public static final int CLIENTS = 8;

  /** Chance of a buy after each lookup. */
  public static final double BUY_PROBABILITY = 0.5;

  /** {@code --cluster-warm-up}'s default. */
  public static final Duration DEFAULT_LENGTH = Duration.ofSeconds(120);

  /**
   * @param items the items the sessions pick
   * @return no warm-up
   */
  public static ClusterWarmUp none(ItemMix items) {
    return new ClusterWarmUp(Duration.ZERO, items);
  }

  /**
   * @return whether there is a warm-up to run
   */
  public boolean enabled() {
    return length != null && !length.isNegative() && !length.isZero();
  }

  /**
   * @return the warm-up load's plan (cache off)
   */
  public BenchPlan plan() {
    return new BenchPlan(CLIENTS, length, 0, BUY_PROBABILITY, items, Duration.ZERO, false);
  }

  /**
   * Runs the warm-up load, saying so first; does nothing but say so when it is disabled.
   *
   * @param bench the benchmark (its progress bar shows the run)
   * @param dir where the warm-up run writes its CSV and plots
   */
  public void run(Benchmark bench, Path dir) {
    if (!enabled()) {
      bench
          .out()
          .println(
              "no cluster warm-up (--cluster-warm-up 0): the first runs may measure a cold cluster");
      return;
    }
    BenchPlan plan = plan();
    bench
        .out()
        .println(
            "cluster warm-up: "
                + Format.seconds(length)
                + " of mixed load before the first measured run ("
                + plan.describe()
                + "; not counted, --cluster-warm-up 0 skips it)");
    bench.run(
        "cluster warm-up: " + plan.describe(),
        plan.load(),
        Workloads.browseAndBuy(items, BUY_PROBABILITY),
        plan.cache(),
        dir);
  }

  /**
   * @return one Markdown line for the document: what preceded the figures
   */
  public String describe() {
    if (!enabled()) {
      return "Warm-up: none (`--cluster-warm-up 0`): the first runs may have measured nodes still JIT-compiling.";
    }
    return "Warm-up: the figures follow "
        + Format.seconds(length)
        + " of warm-up load on the cluster ("
        + CLIENTS
        + " clients, each looking an item up and buying it with p = "
        + Format.number(BUY_PROBABILITY)
        + ", cache off so the catalog replicas' read path warms too; `--cluster-warm-up`): freshly started nodes "
        + "keep JIT-compiling for minutes.";
  }
}
