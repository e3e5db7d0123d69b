package bookstore.bench.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The CPU time the store's node processes spent over one run, as {@code NodeCpu} measured it from
 * {@code /proc/<pid>/stat} ({@code utime + stime}), in <b>milliseconds</b> of CPU time, and per
 * operation: divided by the requests the run completed (of any outcome). The load generator's own
 * CPU is not part of it.
 *
 * @param msByNode each node's CPU time in the run, in ms, in the order broker, frontend, catalog-N,
 *     order-N; empty for a node that did not run throughout the run (no PID file, its process gone
 *     or replaced): shown as {@value #NOT_MEASURED} and left out of the total. No nodes at all:
 *     nothing was measured (no run directory).
 */
public record CpuUsage(Map<String, OptionalDouble> msByNode) {
  /** The column the experiments' tables give it. */
  public static final String COLUMN = "CPU per operation (ms, all nodes)";

  /** A node that was not measured. */
  public static final String NOT_MEASURED = "-";

  /** One sentence for the experiments' sections on what {@link #COLUMN} holds. */
  public static final String EXPLAINED =
      "CPU per operation: the CPU time (user + system, from `/proc/PID/stat`) of every node process over the run, "
          + "divided by the requests the run completed; the load generator's own CPU is not counted, nor a node that did "
          + "not run throughout (n/a when no node was measured, e.g. without `./bookstore bench`'s `BOOKSTORE_RUN_DIR`).";

  /**
   * Copies the map, keeping its order.
   *
   * @param msByNode each node's CPU time in the run, in ms
   */
  public CpuUsage {
    msByNode = Collections.unmodifiableMap(new LinkedHashMap<>(msByNode));
  }

  /**
   * @return nothing measured: no nodes
   */
  public static CpuUsage notMeasured() {
    return new CpuUsage(Map.of());
  }

  /**
   * @return the CPU time of the nodes measured, in ms; empty when none was
   */
  public OptionalDouble totalMs() {
    return msByNode.values().stream()
        .filter(OptionalDouble::isPresent)
        .mapToDouble(OptionalDouble::getAsDouble)
        .reduce(Double::sum);
  }

  /**
   * @param requests the requests the run completed
   * @return the nodes' CPU time per request, in ms; empty when no node was measured or there was no
   *     request
   */
  public OptionalDouble perOperationMs(long requests) {
    OptionalDouble total = totalMs();
    return total.isPresent() && requests > 0
        ? OptionalDouble.of(total.getAsDouble() / requests)
        : OptionalDouble.empty();
  }

  /**
   * @param requests the requests the run completed
   * @return {@link #perOperationMs} for a table cell: ms, or n/a
   */
  public String perOperationCell(long requests) {
    OptionalDouble ms = perOperationMs(requests);
    return ms.isPresent() ? Format.ms(ms.getAsDouble()) : "n/a";
  }

  /**
   * @param requests the requests the run completed
   * @return a caption line and a Markdown table: node, CPU ms in the run, CPU ms per operation, and
   *     a total row; or one line saying nothing was measured
   */
  public String table(long requests) {
    if (msByNode.isEmpty()) {
      return "CPU per node: not measured (no run directory: `./bookstore bench` sets BOOKSTORE_RUN_DIR).\n";
    }
    MarkdownTable table = new MarkdownTable("node", "CPU ms", "CPU ms per operation");
    msByNode.forEach((node, ms) -> table.row(node, cpuMs(ms), perOperation(ms, requests)));
    table.row("total", cpuMs(totalMs()), perOperation(totalMs(), requests));
    return "CPU per node over the run (user + system, /proc/PID/stat; per operation: over the run's "
        + requests
        + " requests; "
        + NOT_MEASURED
        + ": not running throughout the run):\n\n"
        + table;
  }

  private static String cpuMs(OptionalDouble ms) {
    return ms.isPresent() ? Format.number(ms.getAsDouble()) : NOT_MEASURED;
  }

  private static String perOperation(OptionalDouble ms, long requests) {
    return !ms.isPresent()
        ? NOT_MEASURED
        : requests > 0 ? Format.ms(ms.getAsDouble() / requests) : "n/a";
  }
}
