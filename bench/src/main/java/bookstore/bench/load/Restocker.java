package bookstore.bench.load;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps buys from running dry: when a buy is refused (out of stock), the client that saw it
 * restocks the item by {@value #QUANTITY} units, unless another client is already doing so. The
 * restock is a request like any other: timed, in the CSV, counted under {@code restock}.
 */
public final class Restocker {
  /** Units added per restock (items). */
  public static final int QUANTITY = 100_000;

  private final Set<Integer> restocking = ConcurrentHashMap.newKeySet();

  /**
   * @param client the client that bought
   * @param buy its buy's result
   */
  public void afterBuy(LoadClient client, Sample buy) {
    if (buy.outcome() != Outcome.REFUSED || !restocking.add(buy.itemId())) {
      return;
    }
    try {
      client.restock(buy.itemId(), QUANTITY);
    } finally {
      restocking.remove(buy.itemId());
    }
  }
}
