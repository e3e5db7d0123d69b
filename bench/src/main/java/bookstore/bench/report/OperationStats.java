package bookstore.bench.report;

import bookstore.bench.load.Operation;
import bookstore.bench.load.Outcome;
import bookstore.bench.load.Sample;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The figures of one operation in one run: counts by outcome, throughput, and latency percentiles
 * from an HdrHistogram of every request's latency (errors included: a user waits for them too),
 * recorded in microseconds with 3 significant digits.
 *
 * @param operation the operation
 * @param count requests
 * @param ok requests that succeeded
 * @param refused buys refused as out of stock
 * @param errors requests that failed or got no answer
 * @param throughput requests per second of the run's wall time
 * @param latency the latency histogram, in microseconds
 */
public record OperationStats(
    Operation operation,
    long count,
    long ok,
    long refused,
    long errors,
    double throughput,
    Histogram latency) {

  /**
   * @param samples a run's requests
   * @param wall the run's wall time
   * @return the figures of each operation that occurs, in {@link Operation} order
   */
  public static Map<Operation, OperationStats> of(Collection<Sample> samples, Duration wall) {
    Map<Operation, Histogram> histograms = new EnumMap<>(Operation.class);
    Map<Operation, long[]> outcomes = new EnumMap<>(Operation.class);
    for (Sample sample : samples) {
      histograms
          .computeIfAbsent(sample.operation(), o -> new Histogram(3))
          .recordValue(Math.max(1, sample.latencyMicros()));
      outcomes
          .computeIfAbsent(sample.operation(), o -> new long[Outcome.values().length])[
          sample.outcome().ordinal()]++;
    }
    double seconds = Math.max(wall.toNanos() / 1e9, 1e-9);
    Map<Operation, OperationStats> stats = new EnumMap<>(Operation.class);
    histograms.forEach(
        (operation, histogram) -> {
          long[] by = outcomes.get(operation);
          long count = histogram.getTotalCount();
          stats.put(
              operation,
              new OperationStats(
                  operation,
                  count,
                  by[Outcome.OK.ordinal()],
                  by[Outcome.REFUSED.ordinal()],
                  by[Outcome.ERROR.ordinal()],
                  count / seconds,
                  histogram));
        });
    return stats;
  }

  /**
   * @param percentile 0 to 100
   * @return that latency percentile, in ms
   */
  public double percentileMs(double percentile) {
    return latency.getValueAtPercentile(percentile) / 1e3;
  }

  /**
   * @return median latency, in ms
   */
  public double p50Ms() {
    return percentileMs(50);
  }

  /**
   * @return 90th percentile latency, in ms
   */
  public double p90Ms() {
    return percentileMs(90);
  }

  /**
   * @return 99th percentile latency, in ms
   */
  public double p99Ms() {
    return percentileMs(99);
  }

  /**
   * @return longest latency, in ms
   */
  public double maxMs() {
    return latency.getMaxValue() / 1e3;
  }

  /**
   * @return the columns of {@link #tableRow()}
   */
  public static List<String> tableHeader() {
    return List.of(
        "operation",
        "count",
        "ok",
        "refused",
        "errors",
        "req/s",
        "p50 ms",
        "p90 ms",
        "p99 ms",
        "max ms");
  }

  /**
   * @return this operation as a row of a table under {@link #tableHeader()}
   */
  public List<String> tableRow() {
    return List.of(
        operation.label(),
        Long.toString(count),
        Long.toString(ok),
        Long.toString(refused),
        Long.toString(errors),
        Format.rate(throughput),
        Format.ms(p50Ms()),
        Format.ms(p90Ms()),
        Format.ms(p99Ms()),
        Format.ms(maxMs()));
  }
}
