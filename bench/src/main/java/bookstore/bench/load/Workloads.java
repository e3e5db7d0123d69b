package bookstore.bench.load;

/** The sessions the benchmark and its experiments run. */
public final class Workloads {
  private Workloads() {}

  /**
   * The course's session: look an item up, then buy one unit of it with probability {@code
   * buyProbability}.
   *
   * @param mix which item each session picks
   * @param buyProbability chance of a buy after the lookup, 0 to 1
   * @return the workload (restocks sold-out items, see {@link Restocker})
   */
  public static Workload browseAndBuy(ItemMix mix, double buyProbability) {
    if (buyProbability < 0 || buyProbability > 1) {
      throw new IllegalArgumentException("the buy probability must be between 0 and 1");
    }
    Restocker restocker = new Restocker();
    return client -> {
      int item = mix.next(client.random());
      client.lookup(item);
      if (buyProbability > 0 && client.random().nextDouble() < buyProbability) {
        restocker.afterBuy(client, client.buy(item));
      }
    };
  }

  /**
   * @param itemId the item
   * @return sessions of one lookup each
   */
  public static Workload lookups(int itemId) {
    return client -> client.lookup(itemId);
  }

  /**
   * @param topic exact topic
   * @return sessions of one search each
   */
  public static Workload searches(String topic) {
    return client -> client.search(topic);
  }

  /**
   * @param itemId the item
   * @return sessions of one buy each (restocking it when sold out)
   */
  public static Workload buys(int itemId) {
    Restocker restocker = new Restocker();
    return client -> restocker.afterBuy(client, client.buy(itemId));
  }
}
