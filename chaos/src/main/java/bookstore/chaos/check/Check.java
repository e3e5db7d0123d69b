package bookstore.chaos.check;

import java.util.List;

/**
 * One rule of the history check and what the check found.
 *
 * @param rule the rule, e.g. {@code no acknowledged order lost}
 * @param holds whether it holds
 * @param finding what was checked, or counted, in a few words (e.g. {@code 1204 acknowledged orders
 *     on 3 replicas})
 * @param violations each violation found, for a person to read; empty when it holds
 */
public record Check(String rule, boolean holds, String finding, List<String> violations) {
  /** Copies the violations. */
  public Check {
    violations = List.copyOf(violations);
  }

  /**
   * @param rule the rule
   * @param finding what was checked
   * @param violations what breaks it; none: it holds
   * @return the check
   */
  public static Check of(String rule, String finding, List<String> violations) {
    return new Check(rule, violations.isEmpty(), finding, violations);
  }
}
