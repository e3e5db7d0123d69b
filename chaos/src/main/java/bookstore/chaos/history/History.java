package bookstore.chaos.history;

import java.util.List;

/**
 * Everything a run recorded: its operations, its faults, and the items its clients bought, created
 * for the run so that no one else's buys mix with them.
 *
 * @param startNanos when the clients started ({@link System#nanoTime()}): time 0 of the plots
 * @param endNanos when the last client stopped ({@link System#nanoTime()})
 * @param items the run's item ids
 * @param initialStock the stock each of them was created with (items); no restock touches them (the
 *     store restocks items at stock 0 only)
 * @param operations every operation, in the order they completed
 * @param faults every fault, in the order they were injected
 */
public record History(
    long startNanos,
    long endNanos,
    List<Integer> items,
    int initialStock,
    List<Operation> operations,
    List<Fault> faults) {

  /** Copies the lists: a history does not change once made. */
  public History {
    items = List.copyOf(items);
    operations = List.copyOf(operations);
    faults = List.copyOf(faults);
  }

  /**
   * @param nanos a {@link System#nanoTime()} value of the run
   * @return seconds since the run's start
   */
  public double secondsSinceStart(long nanos) {
    return (nanos - startNanos) / 1e9;
  }
}
