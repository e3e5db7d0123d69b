package bookstore.chaos.report;

import bookstore.bench.report.OutputFiles;
import bookstore.chaos.check.FaultTiming;
import bookstore.chaos.history.Fault;
import bookstore.chaos.history.History;
import bookstore.chaos.history.Operation;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A run's history as CSV files (RFC 4180, comma-separated, {@code \n} line ends, UTF-8) for a
 * person or a spreadsheet to read: {@code history.csv}, every operation, and {@code faults.csv},
 * every fault with what it cost. Times are seconds since the run's start ({@link
 * History#secondsSinceStart}) with 3 decimals; an absent value is an empty cell.
 */
public final class HistoryCsv {
  /** The header of {@link #write}'s file: 13 columns. */
  public static final String HEADER =
      "invoked_s,completed_s,latency_ms,client,type,item,quantity,idempotency_key,outcome,status,"
          + "order_number,stock_seen,detail";

  /** The header of {@link #writeFaults}'s file: 7 columns. */
  public static final String FAULTS_HEADER =
      "injected_s,healed_s,kind,node,primary,first_write_s,slowest_s";

  private HistoryCsv() {}

  /**
   * Writes one row per operation, in the order they completed (the history's order), under {@link
   * #HEADER}: {@code invoked_s} and {@code completed_s} in seconds since the start (3 decimals),
   * {@code latency_ms} in ms (1 decimal), {@code type} ({@code buy}, {@code lookup}) and {@code
   * outcome} ({@code ok}, {@code fail}, {@code unknown}) in lower case, {@code quantity} in items
   * (0 for a lookup), {@code status} the HTTP status (0: no answer), {@code order_number} empty
   * unless a buy was acknowledged with an order, {@code stock_seen} in items, empty unless a lookup
   * saw one, {@code idempotency_key} and {@code detail} empty when null, quoted when needed.
   *
   * @param history the run's history
   * @param csv the file to write (replaced if it exists)
   * @throws UncheckedIOException when it cannot be written
   */
  public static void write(History history, Path csv) {
    StringBuilder text = new StringBuilder(HEADER).append('\n');
    for (Operation o : history.operations()) {
      List<String> cells = new ArrayList<>();
      cells.add(seconds(history.secondsSinceStart(o.invokedNanos())));
      cells.add(seconds(history.secondsSinceStart(o.completedNanos())));
      cells.add(String.format(Locale.ROOT, "%.1f", o.latencySeconds() * 1e3));
      cells.add(Integer.toString(o.client()));
      cells.add(o.type().name().toLowerCase(Locale.ROOT));
      cells.add(Integer.toString(o.itemId()));
      cells.add(Integer.toString(o.quantity()));
      cells.add(cell(o.key()));
      cells.add(o.outcome().name().toLowerCase(Locale.ROOT));
      cells.add(Integer.toString(o.status()));
      cells.add(o.order() == null ? "" : Long.toString(o.order().orderNumber()));
      cells.add(o.stockSeen() == -1 ? "" : Integer.toString(o.stockSeen()));
      cells.add(cell(o.detail()));
      text.append(String.join(",", cells)).append('\n');
    }
    OutputFiles.write(csv, text.toString());
  }

  /**
   * Writes one row per fault, in the order they were injected, under {@link #FAULTS_HEADER}: {@code
   * injected_s} and {@code healed_s} in seconds since the start (3 decimals), {@code kind} the
   * {@link Fault.Kind} in lower case (e.g. {@code kill}, {@code broker}), {@code node}, {@code
   * primary} ({@code true}/{@code false}), {@code first_write_s} and {@code slowest_s} from the
   * fault's {@link FaultTiming} in seconds (3 decimals), empty when there is no timing for the
   * fault or no write was acknowledged after it.
   *
   * @param history the run's history (its faults and start)
   * @param timings the faults' timings, matched to the faults by equality of {@link
   *     FaultTiming#fault()}; a fault without one gets empty timing cells
   * @param csv the file to write (replaced if it exists)
   * @throws UncheckedIOException when it cannot be written
   */
  public static void writeFaults(History history, List<FaultTiming> timings, Path csv) {
    StringBuilder text = new StringBuilder(FAULTS_HEADER).append('\n');
    for (Fault f : history.faults()) {
      FaultTiming timing =
          timings.stream().filter(t -> t.fault().equals(f)).findFirst().orElse(null);
      List<String> cells = new ArrayList<>();
      cells.add(seconds(history.secondsSinceStart(f.injectedNanos())));
      cells.add(seconds(history.secondsSinceStart(f.healedNanos())));
      cells.add(f.kind().name().toLowerCase(Locale.ROOT));
      cells.add(cell(f.node()));
      cells.add(Boolean.toString(f.primary()));
      cells.add(
          timing == null || timing.firstWriteSeconds().isEmpty()
              ? ""
              : seconds(timing.firstWriteSeconds().getAsDouble()));
      cells.add(timing == null ? "" : seconds(timing.slowestSeconds()));
      text.append(String.join(",", cells)).append('\n');
    }
    OutputFiles.write(csv, text.toString());
  }

  /**
   * @param value a cell's text, or null
   * @return it as a CSV cell (RFC 4180): empty for null; quoted, its double quotes doubled, when it
   *     holds a comma, a double quote, a carriage return or a newline; else as is
   */
  static String cell(String value) {
    if (value == null) {
      return "";
    }
    if (value.indexOf(',') < 0
        && value.indexOf('"') < 0
        && value.indexOf('\n') < 0
        && value.indexOf('\r') < 0) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }

  private static String seconds(double seconds) {
    return String.format(Locale.ROOT, "%.3f", seconds);
  }
}
