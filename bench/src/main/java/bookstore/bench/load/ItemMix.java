package bookstore.bench.load;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Which item a session picks: the first item of the list with probability {@code hotShare}, else
 * any of the list with equal probability.
 *
 * @param items item ids, at least one; the first is the hot one
 * @param hotShare share of sessions that pick the first item on purpose, 0 to 1 (0: uniform)
 */
public record ItemMix(List<Integer> items, double hotShare) {
  /** The seven books every fresh catalog holds (ids 1..7), uniform. */
  public static final ItemMix SEEDED_BOOKS = new ItemMix(List.of(1, 2, 3, 4, 5, 6, 7), 0);

  /**
   * Checks the mix.
   *
   * @param items item ids, at least one; the first is the hot one
   * @param hotShare share of sessions that pick the first item on purpose, 0 to 1 (0: uniform)
   */
  public ItemMix {
    items = List.copyOf(items);
    if (items.isEmpty()) {
      throw new IllegalArgumentException("the item mix needs at least one item");
    }
    if (hotShare < 0 || hotShare > 1) {
      throw new IllegalArgumentException("the hot item's share must be between 0 and 1");
    }
  }

  /**
   * @param random the session's random source
   * @return the item to use
   */
  public int next(RandomGenerator random) {
    if (hotShare > 0 && random.nextDouble() < hotShare) {
      return items.get(0);
    }
    return items.get(random.nextInt(items.size()));
  }
}
