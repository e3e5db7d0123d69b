package bookstore.bench;

import bookstore.bench.load.ItemMix;
import bookstore.bench.load.LoadGenerator;
import bookstore.bench.report.Format;
import java.time.Duration;
import java.util.List;

/**
 * One run of the course's session (look an item up, buy it with probability p), as {@code
 * ./bookstore bench} takes it from the command line.
 *
 * @param clients concurrent clients (connections)
 * @param duration how long to run, used when {@code requests} is 0
 * @param requests total requests over all clients, or 0 to run for {@code duration}
 * @param buyProbability chance of a buy after a lookup, 0 to 1
 * @param items which items sessions pick
 * @param thinkTime each client's pause between sessions
 * @param cache turn the front end's cache on (true) or off (false) for the run and restore it
 *     after, or leave it as it is (null)
 */
public record BenchPlan(
    int clients,
    Duration duration,
    long requests,
    double buyProbability,
    ItemMix items,
    Duration thinkTime,
    Boolean cache) {

  /**
   * @return the defaults: 5 clients, 30 s, p = 0.2, the seven seeded books, no think time
   */
  public static BenchPlan defaults() {
    return new BenchPlan(
        5, Duration.ofSeconds(30), 0, 0.2, ItemMix.SEEDED_BOOKS, Duration.ZERO, null);
  }

  /**
   * @param value clients
   * @return this plan with that many clients
   */
  public BenchPlan withClients(int value) {
    return new BenchPlan(value, duration, requests, buyProbability, items, thinkTime, cache);
  }

  /**
   * @param value duration
   * @return this plan running for that long (not a request count)
   */
  public BenchPlan withDuration(Duration value) {
    return new BenchPlan(clients, value, 0, buyProbability, items, thinkTime, cache);
  }

  /**
   * @param value requests
   * @return this plan running that many requests
   */
  public BenchPlan withRequests(long value) {
    return new BenchPlan(clients, duration, value, buyProbability, items, thinkTime, cache);
  }

  /**
   * @param value 0 to 1
   * @return this plan with that buy probability
   */
  public BenchPlan withBuyProbability(double value) {
    return new BenchPlan(clients, duration, requests, value, items, thinkTime, cache);
  }

  /**
   * @param value on, off, or null to leave it
   * @return this plan with that cache setting
   */
  public BenchPlan withCache(Boolean value) {
    return new BenchPlan(clients, duration, requests, buyProbability, items, thinkTime, value);
  }

  /**
   * @return the load generator's plan for this run, without actions
   */
  public LoadGenerator.Plan load() {
    return new LoadGenerator.Plan(clients, duration, requests, thinkTime, List.of());
  }

  /**
   * @return a short description, e.g. {@code 5 clients, 30 s, p=0.2, cache on}
   */
  public String describe() {
    return clients
        + " clients, "
        + (requests > 0 ? requests + " requests" : Format.seconds(duration))
        + ", p="
        + buyProbability
        + ", cache "
        + (cache == null ? "as is" : cache ? "on" : "off");
  }
}
