package bookstore.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * One simulated client of a run: sends requests one after another (so it holds at most one
 * connection), records each as a {@link Sample}, and ends its session when the run's budget (time
 * or request count) is spent. Used by one thread only.
 */
public final class LoadClient {
  private final TimedRequests requests;
  private final LoadGenerator.Budget budget;
  private final List<Sample> samples = new ArrayList<>();
  private final RandomGenerator random;

  LoadClient(TimedRequests requests, LoadGenerator.Budget budget, long seed) {
    this.requests = requests;
    this.budget = budget;
    this.random = new SplittableRandom(seed);
  }

  /** Thrown to end a session when the run is over; carries no stack trace. */
  static final class RunOver extends RuntimeException {
    static final RunOver INSTANCE = new RunOver();

    private RunOver() {
      super("the run is over", null, false, false);
    }
  }

  /**
   * @return this client's random source
   */
  public RandomGenerator random() {
    return random;
  }

  /**
   * @param itemId item
   * @return the timed lookup
   */
  public Sample lookup(int itemId) {
    claim();
    return record(requests.lookup(itemId));
  }

  /**
   * @param itemId item
   * @return the timed buy of one unit
   */
  public Sample buy(int itemId) {
    claim();
    return record(requests.buy(itemId));
  }

  /**
   * @param topic exact topic
   * @return the timed search
   */
  public Sample search(String topic) {
    claim();
    return record(requests.search(topic));
  }

  /**
   * @param itemId item
   * @param quantity units (items)
   * @return the timed restock
   */
  public Sample restock(int itemId, int quantity) {
    claim();
    return record(requests.restock(itemId, quantity));
  }

  List<Sample> samples() {
    return samples;
  }

  private void claim() {
    if (!budget.claim()) {
      throw RunOver.INSTANCE;
    }
  }

  private Sample record(TimedRequests.Exchange exchange) {
    samples.add(exchange.sample());
    budget.completed();
    return exchange.sample();
  }
}
