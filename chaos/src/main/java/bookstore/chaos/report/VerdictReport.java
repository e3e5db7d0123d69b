package bookstore.chaos.report;

import bookstore.bench.report.Format;
import bookstore.bench.report.MarkdownTable;
import bookstore.chaos.check.Check;
import bookstore.chaos.check.FaultTiming;
import bookstore.chaos.check.Verdict;
import bookstore.chaos.history.Fault;
import bookstore.chaos.history.History;
import bookstore.chaos.history.Operation;
import bookstore.chaos.history.Operation.Outcome;
import bookstore.chaos.history.Operation.Type;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A chaos run's result as text: {@code verdict.md}, the verdict table printed on the terminal, and
 * the progress line printed as each fault is healed. Pure: it only formats what it is given.
 */
public final class VerdictReport {
  /** The most violations listed per rule that does not hold; the rest are counted. */
  public static final int MAX_VIOLATIONS_LISTED = 20;

  /** The last line of {@link #markdown}: the files written next to {@code verdict.md}. */
  public static final String FILES_LINE =
      "Files: history.csv (every operation), faults.csv, timeline.png";

  private VerdictReport() {}

  /**
   * The options of a {@code ./bookstore chaos} run.
   *
   * @param duration how long the clients ran
   * @param clients how many clients ran at once
   * @param faults the kinds of fault the run chose from
   * @param interval the time between two faults' injections
   * @param faultLength how long each fault lasted before it was healed
   * @param seed the random generator's seed: it reproduces the run's choices (which fault, which
   *     node, which item, how many items)
   */
  public record Settings(
      Duration duration,
      int clients,
      List<Fault.Kind> faults,
      Duration interval,
      Duration faultLength,
      long seed) {
    /** Copies the faults. */
    public Settings {
      faults = List.copyOf(faults);
    }
  }

  /**
   * The content of {@code verdict.md}: a title saying whether the verdict holds, a line of
   * settings, a line of counts (operations, buys acknowledged and refused, lookups, client-visible
   * errors, operations per second), a table of the faults (times in s, {@code -} when absent), the
   * verdict table ({@link #table}), a section per rule that does not hold listing its first {@value
   * #MAX_VIOLATIONS_LISTED} violations, and {@value #FILES_LINE}.
   *
   * @param settings the run's options
   * @param history the run's history
   * @param verdict the history check's verdict
   * @param timings what each fault cost, matched to the history's faults by equality of {@link
   *     FaultTiming#fault()}; a fault without one gets {@code -} in its timing columns
   * @return Markdown, ending with a newline
   */
  public static String markdown(
      Settings settings, History history, Verdict verdict, List<FaultTiming> timings) {
    StringBuilder text = new StringBuilder();
    text.append("# Chaos run: the verdict ")
        .append(verdict.holds() ? "holds" : "does not hold")
        .append("\n\n");
    text.append(settingsLine(settings)).append("\n\n");
    text.append(countsLine(history)).append("\n\n");

    text.append("## Faults\n\n");
    if (history.faults().isEmpty()) {
      text.append("No fault was injected.\n\n");
    } else {
      MarkdownTable faults =
          new MarkdownTable(
              "at (s)",
              "fault",
              "healed after (s)",
              "first write after (s)",
              "slowest operation (s)");
      for (Fault fault : history.faults()) {
        FaultTiming timing =
            timings.stream().filter(t -> t.fault().equals(fault)).findFirst().orElse(null);
        faults.row(
            decimals(history.secondsSinceStart(fault.injectedNanos()), 1),
            cell(fault.describe()),
            healed(fault) ? decimals(healedAfterSeconds(fault), 1) : "-",
            timing == null || timing.firstWriteSeconds().isEmpty()
                ? "-"
                : decimals(timing.firstWriteSeconds().getAsDouble(), 2),
            timing == null ? "-" : decimals(timing.slowestSeconds(), 2));
      }
      text.append(faults).append('\n');
    }

    text.append("## Verdict\n\n").append(table(verdict)).append('\n');

    for (Check check : verdict.checks()) {
      if (check.holds()) {
        continue;
      }
      text.append("## ").append(check.rule()).append("\n\n");
      text.append(check.finding()).append(":\n\n");
      check.violations().stream()
          .limit(MAX_VIOLATIONS_LISTED)
          .forEach(v -> text.append("- ").append(v).append('\n'));
      if (check.violations().size() > MAX_VIOLATIONS_LISTED) {
        text.append("- ... and ")
            .append(check.violations().size() - MAX_VIOLATIONS_LISTED)
            .append(" more\n");
      }
      text.append('\n');
    }
    text.append(FILES_LINE).append('\n');
    return text.toString();
  }

  /**
   * The verdict table: a header, a separator and one row per check, in the verdict's order, with
   * the columns {@code check}, {@code holds} ({@code yes} or {@code **no**}) and {@code what was
   * checked}; padded so that it also reads well on a terminal.
   *
   * @param verdict the history check's verdict
   * @return Markdown, 2 + (number of checks) lines, ending with a newline
   */
  public static String table(Verdict verdict) {
    MarkdownTable table = new MarkdownTable("check", "holds", "what was checked");
    for (Check check : verdict.checks()) {
      table.row(cell(check.rule()), check.holds() ? "yes" : "**no**", cell(check.finding()));
    }
    return table.toString();
  }

  /**
   * The line printed when a fault has been healed, e.g. {@code [ 12.3 s] kill -9 catalog-3
   * (primary): healed after 41.2 s; first write acknowledged 1.21 s after it, slowest operation
   * around it 1.30 s}.
   *
   * @param atSeconds when the fault was injected, in seconds since the run's start
   * @param fault the fault; healed after (its heal - its injection) / 1e9 s, or {@code heal time
   *     not known} when both are the same instant
   * @param timing what it cost ({@link FaultTiming#describe()})
   * @return one line, without a line end
   * @throws NullPointerException when {@code fault} or {@code timing} is null
   */
  public static String progressLine(double atSeconds, Fault fault, FaultTiming timing) {
    String healed =
        healed(fault)
            ? "healed after " + decimals(healedAfterSeconds(fault), 1) + " s"
            : "heal time not known";
    return String.format(Locale.ROOT, "[%6.1f s] ", atSeconds)
        + fault.describe()
        + ": "
        + healed
        + "; "
        + timing.describe();
  }

  private static String settingsLine(Settings settings) {
    String faults =
        settings.faults().isEmpty()
            ? "none"
            : settings.faults().stream()
                .map(k -> k.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    return "Settings: duration "
        + Format.seconds(settings.duration())
        + ", "
        + settings.clients()
        + " clients, faults "
        + faults
        + ", one every "
        + Format.seconds(settings.interval())
        + ", each lasting "
        + Format.seconds(settings.faultLength())
        + ", seed "
        + settings.seed()
        + " (it reproduces the run's choices).";
  }

  private static String countsLine(History history) {
    List<Operation> ops = history.operations();
    long acknowledged = ops.stream().filter(Operation::acknowledgedBuy).count();
    long refused =
        ops.stream().filter(o -> o.type() == Type.BUY && o.outcome() == Outcome.FAIL).count();
    long lookups = ops.stream().filter(o -> o.type() == Type.LOOKUP).count();
    long errors = ops.stream().filter(o -> o.outcome() == Outcome.UNKNOWN).count();
    double runSeconds = history.secondsSinceStart(history.endNanos());
    double perSecond = runSeconds > 0 ? ops.size() / runSeconds : Double.NaN;
    return ops.size()
        + " operations: "
        + acknowledged
        + " buys acknowledged, "
        + refused
        + " buys refused, "
        + lookups
        + " lookups, "
        + errors
        + " client-visible errors (no answer or 5xx); "
        + Format.rate(perSecond)
        + " operations/s.";
  }

  private static boolean healed(Fault fault) {
    return fault.healedNanos() != fault.injectedNanos();
  }

  private static double healedAfterSeconds(Fault fault) {
    return (fault.healedNanos() - fault.injectedNanos()) / 1e9;
  }

  private static String decimals(double value, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  /** A table cell's text: a {@code |} would end the cell, a line end the row. */
  private static String cell(String text) {
    return text.replace("|", "\\|").replace('\n', ' ');
  }
}
