package bookstore.chaos.check;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * The history check's result: every rule, whether it holds, and what it found.
 *
 * @param checks the rules, in {@link HistoryChecker}'s order
 */
public record Verdict(List<Check> checks) {
  /** Copies the checks. */
  public Verdict {
    checks = List.copyOf(checks);
  }

  /**
   * @return true when every rule holds
   */
  public boolean holds() {
    return checks.stream().allMatch(Check::holds);
  }

  /**
   * @param rule one of {@link HistoryChecker}'s rule names
   * @return that rule's check
   * @throws NoSuchElementException when no check has that name
   */
  public Check check(String rule) {
    return checks.stream()
        .filter(c -> c.rule().equals(rule))
        .findFirst()
        .orElseThrow(() -> new NoSuchElementException("no rule '" + rule + "'"));
  }

  /**
   * @return each rule that does not hold, with its first violations, one per line (empty when the
   *     verdict holds): an assertion's message
   */
  public String violations() {
    StringBuilder text = new StringBuilder();
    for (Check c : checks) {
      if (!c.holds()) {
        text.append(c.rule()).append(": ").append(c.finding()).append('\n');
        c.violations().stream().limit(10).forEach(v -> text.append("  ").append(v).append('\n'));
      }
    }
    return text.toString();
  }
}
