package bookstore.bench.experiment;

import bookstore.bench.report.Format;

/**
 * The performance targets of the write path and the cache, each with the figure that is measured
 * against it, on the 2-core machine with every node and the load generator on it. Two figures of
 * the targets are not the bench's to measure: {@code ./bookstore start} to ready, which the start
 * command prints, and the idle store's CPU (docs/PERFORMANCE.md says how both were measured).
 */
public enum Target {
  /** Cached lookup through the front end, one client: median latency. */
  CACHED_LOOKUP_P50("cached lookup p50, 1 client", "<= 1 ms", "ms", true, 1),
  /** Cached lookups of one item at 16 connections: throughput. */
  CACHED_LOOKUP_THROUGHPUT(
      "cached lookups, 16 connections", ">= 20,000 req/s", "req/s", false, 20_000),
  /** Lookup with the cache off, one client: median latency. */
  UNCACHED_LOOKUP_P50("uncached lookup p50, 1 client", "<= 1 ms", "ms", true, 1),
  /** Lookups with the cache off at 16 connections: throughput. */
  UNCACHED_LOOKUP_THROUGHPUT(
      "uncached lookups, 16 connections", ">= 3,000 req/s", "req/s", false, 3_000),
  /** Buy (through every replica), one client: median latency. */
  BUY_P50("buy p50, 1 client", "<= 5 ms", "ms", true, 5),
  /** Buys at 16 connections: successful buys per second. */
  BUY_THROUGHPUT("buys, 16 connections", ">= 400 buys/s", "buys/s", false, 400),
  /** CPU time of every node per buy at 16 connections (ms, from /proc), idle share included. */
  CPU_PER_BUY("CPU per buy, all nodes, 16 connections", "<= 5 ms", "ms", true, 5),
  /** The longest request around a catalog primary's kill. */
  FAILOVER_MAX_LATENCY("max latency around a primary kill", "<= 1,500 ms", "ms", true, 1_500);

  private final String what;
  private final String goal;
  private final String unit;
  private final boolean atMost;
  private final double limit;

  Target(String what, String goal, String unit, boolean atMost, double limit) {
    this.what = what;
    this.goal = goal;
    this.unit = unit;
    this.atMost = atMost;
    this.limit = limit;
  }

  /**
   * @return what is measured
   */
  public String what() {
    return what;
  }

  /**
   * @return the target as written in the issue, e.g. {@code <= 1 ms}
   */
  public String goal() {
    return goal;
  }

  /**
   * @param measured the figure, in this target's unit
   * @return whether it meets the target
   */
  public boolean met(double measured) {
    return atMost ? measured <= limit : measured >= limit;
  }

  /**
   * @param a one figure, in this target's unit
   * @param b another
   * @return the one closer to meeting the target: the smaller for a limit, the larger for a goal
   */
  public double better(double a, double b) {
    return atMost ? Math.min(a, b) : Math.max(a, b);
  }

  /**
   * @param measured the figure, in this target's unit
   * @return it with its unit
   */
  public String show(double measured) {
    return ("ms".equals(unit) ? Format.ms(measured) : Format.rate(measured)) + " " + unit;
  }
}
