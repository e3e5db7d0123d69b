package bookstore.frontend.infrastructure.cache;

import jakarta.enterprise.context.ApplicationScoped;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * How long invalidations take to reach this front end: from the catalog primary's write (just
 * before its commit) to the moment the affected entries left the cache, in ms. Both ends run on one
 * machine's clock here; across machines the figure would include their clock skew.
 */
@ApplicationScoped
public class InvalidationTimes {
  /** Longest delay recorded exactly (ms); longer ones count at this value. */
  private static final long MAX_MS = 60_000;

  private final ConcurrentHistogram delays = new ConcurrentHistogram(MAX_MS, 3);

  /**
   * The figures so far.
   *
   * @param count invalidations
   * @param p50Ms median
   * @param p99Ms 99th percentile
   * @param maxMs slowest
   */
  public record Summary(long count, long p50Ms, long p99Ms, long maxMs) {}

  /**
   * @param writtenAtMs when the write was made, ms since the epoch
   */
  public void record(long writtenAtMs) {
    if (writtenAtMs > 0) {
      delays.recordValue(Math.min(MAX_MS, Math.max(0, System.currentTimeMillis() - writtenAtMs)));
    }
  }

  /**
   * @return count and p50/p99/max (ms) of the delays recorded since the start or the last reset
   */
  public Summary summary() {
    return new Summary(
        delays.getTotalCount(),
        delays.getValueAtPercentile(50),
        delays.getValueAtPercentile(99),
        delays.getMaxValue());
  }

  /** Forgets the delays recorded so far (a benchmark's run starts afresh). */
  public void reset() {
    delays.reset();
  }
}
