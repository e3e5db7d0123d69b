package bookstore.chaos.nemesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bookstore.chaos.history.Fault.Kind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The order of the faults: every kind once per round, and a seed repeats the order. */
class FaultScheduleTest {
  private static final List<Kind> ALL =
      List.of(Kind.KILL, Kind.FREEZE, Kind.PARTITION, Kind.BROKER);

  private static List<Kind> draw(long seed, int count) {
    FaultSchedule schedule = new FaultSchedule(ALL, new Random(seed));
    List<Kind> drawn = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      drawn.add(schedule.next());
    }
    return drawn;
  }

  @Test
  void eachRoundInjectsEveryKindOnce() {
    for (long seed = 0; seed < 20; seed++) {
      List<Kind> drawn = draw(seed, 3 * ALL.size());
      for (int round = 0; round < 3; round++) {
        List<Kind> oneRound = drawn.subList(round * ALL.size(), (round + 1) * ALL.size());
        assertEquals(new HashSet<>(ALL), new HashSet<>(oneRound), "seed " + seed + ": " + drawn);
      }
    }
  }

  @Test
  void theSameSeedRepeatsTheOrderAndAnotherChangesIt() {
    assertEquals(draw(2026, 12), draw(2026, 12));
    long differing =
        LongStream.range(1, 20).filter(seed -> !draw(seed, 12).equals(draw(0, 12))).count();
    assertTrue(differing > 0, "some seed draws another order");
  }

  @Test
  void noKindIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new FaultSchedule(List.of(), new Random()));
  }
}
