package bookstore.chaos.nemesis;

import bookstore.chaos.history.Fault.Kind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * Which kind of fault comes next: the kinds in rounds, each round every kind once in an order drawn
 * from the seeded random generator, so that a short run meets every kind and a seed repeats the
 * order.
 */
final class FaultSchedule {
  private final List<Kind> kinds;
  private final Random random;
  private final Deque<Kind> round = new ArrayDeque<>();

  /**
   * @param kinds the kinds to inject, at least one, each once
   * @param random the run's seeded generator (the nemesis draws its targets from it too)
   * @throws IllegalArgumentException when there is no kind
   */
  FaultSchedule(List<Kind> kinds, Random random) {
    if (kinds.isEmpty()) {
      throw new IllegalArgumentException("no faults to inject");
    }
    this.kinds = List.copyOf(kinds);
    this.random = random;
  }

  /**
   * @return the next kind: a new round, shuffled, begins once every kind of the last one came
   */
  Kind next() {
    if (round.isEmpty()) {
      List<Kind> shuffled = new ArrayList<>(kinds);
      Collections.shuffle(shuffled, random);
      round.addAll(shuffled);
    }
    return round.poll();
  }
}
