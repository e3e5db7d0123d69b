package bookstore.bench.experiment;

import bookstore.api.Item;
import bookstore.bench.load.Outcome;
import bookstore.bench.load.Sample;
import bookstore.bench.load.TimedRequests;
import bookstore.bench.load.TimedRequests.Exchange;
import bookstore.bench.store.StoreAdmin;
import bookstore.client.StoreHttp;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.HdrHistogram.Histogram;

/**
 * Measures what a cache invalidation costs a reader, one client, on an item of its own: in each
 * round it looks the item up twice (the second a hit, {@code X-Served-By: cache}), changes the
 * item's price, then looks it up until an answer no longer comes from the cache with the old price:
 * that first fresh answer is the miss measured, and the time from the write's acknowledgement to
 * its end is a client-side upper bound of the invalidation time. One more lookup is a hit again.
 * Rounds where an answer does not come from where it should are counted, not measured.
 */
public final class InvalidationProbe {
  /** How long a round waits for the invalidation before it gives up. */
  static final Duration GIVE_UP = Duration.ofSeconds(5);

  private final StoreHttp http;
  private final StoreAdmin admin;

  /**
   * @param http the store
   * @param admin its admin calls
   */
  public InvalidationProbe(StoreHttp http, StoreAdmin admin) {
    this.http = http;
    this.admin = admin;
  }

  /**
   * What the probe measured; every latency in microseconds.
   *
   * @param rounds rounds run
   * @param hits lookups served from the cache
   * @param misses the first fresh lookup after each write, served by a catalog replica
   * @param invalidated from a write's acknowledgement to the end of its first fresh lookup
   * @param stalePolls lookups answered from the cache with the old price after the write was
   *     acknowledged
   * @param unexpected rounds where a hit was not from the cache, a write failed or the invalidation
   *     did not come within {@link #GIVE_UP}
   */
  public record Result(
      int rounds,
      Histogram hits,
      Histogram misses,
      Histogram invalidated,
      long stalePolls,
      int unexpected) {}

  /**
   * Runs the probe with the front end's cache on (restored after).
   *
   * @param rounds how many writes to probe
   * @param csv where to write one row per round
   * @return the figures
   */
  public Result run(int rounds, Path csv) {
    boolean before = admin.cacheEnabled();
    admin.switchCache(true);
    try (BufferedWriter out = Files.newBufferedWriter(csv)) {
      out.write("round,hit_us,miss_us,invalidated_us,stale_polls,unexpected\n");
      int itemId = admin.addItem("bench invalidation probe", 1_000_000, BigDecimal.ONE).id();
      TimedRequests requests = new TimedRequests(http, System.nanoTime());
      Result result =
          new Result(rounds, new Histogram(3), new Histogram(3), new Histogram(3), 0, 0);
      long stale = 0;
      int unexpected = 0;
      for (int round = 0; round < rounds; round++) {
        requests.lookup(itemId);
        Sample hit = requests.lookup(itemId).sample();
        BigDecimal price = round % 2 == 0 ? new BigDecimal("1.01") : new BigDecimal("1.02");
        Sample write = requests.setPrice(itemId, price).sample();
        long[] row = {-1, -1, -1, 0};
        boolean ok = hit.fromCache() && write.outcome() == Outcome.OK;
        if (hit.fromCache()) {
          record(result.hits(), row, 0, hit.latencyMicros());
        }
        if (write.outcome() == Outcome.OK) {
          long acknowledged = write.startMicros() + write.latencyMicros();
          Exchange fresh = requests.lookup(itemId);
          while (isStale(fresh, price)
              && requests.nowMicros() - acknowledged < GIVE_UP.toNanos() / 1_000) {
            row[3]++;
            fresh = requests.lookup(itemId);
          }
          Sample first = fresh.sample();
          if (isStale(fresh, price) || first.outcome() != Outcome.OK) {
            ok = false;
          } else {
            record(
                result.invalidated(),
                row,
                2,
                first.startMicros() + first.latencyMicros() - acknowledged);
            if (!first.fromCache()) {
              record(result.misses(), row, 1, first.latencyMicros());
            }
          }
          Sample again = requests.lookup(itemId).sample();
          if (again.fromCache()) {
            result.hits().recordValue(Math.max(1, again.latencyMicros()));
          }
        }
        stale += row[3];
        unexpected += ok ? 0 : 1;
        out.write(
            round
                + ","
                + cell(row[0])
                + ","
                + cell(row[1])
                + ","
                + cell(row[2])
                + ","
                + row[3]
                + ","
                + !ok
                + "\n");
      }
      return new Result(
          rounds, result.hits(), result.misses(), result.invalidated(), stale, unexpected);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + csv, e);
    } finally {
      admin.switchCache(before);
    }
  }

  private static boolean isStale(Exchange lookup, BigDecimal newPrice) {
    if (!lookup.sample().fromCache() || lookup.sample().outcome() != Outcome.OK) {
      return false;
    }
    Item item = StoreAdmin.parseItem(lookup.body());
    return item.price().compareTo(newPrice) != 0;
  }

  private static void record(Histogram histogram, long[] row, int column, long micros) {
    histogram.recordValue(Math.max(1, micros));
    row[column] = micros;
  }

  private static String cell(long micros) {
    return micros < 0 ? "" : Long.toString(micros);
  }
}
