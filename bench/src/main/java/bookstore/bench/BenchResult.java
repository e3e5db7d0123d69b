package bookstore.bench;

import bookstore.bench.load.LoadGenerator;
import bookstore.bench.load.Operation;
import bookstore.bench.report.CpuUsage;
import bookstore.bench.report.MarkdownTable;
import bookstore.bench.report.OperationStats;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one benchmark run measured and wrote.
 *
 * @param title what ran
 * @param dir the run's output directory
 * @param csv every request, one row each ({@code requests.csv})
 * @param plots the PNGs written: latency over time, then one histogram per operation
 * @param run the requests and the actions' times
 * @param stats the figures per operation
 * @param cpu the CPU time the store's nodes spent over the run (ms)
 */
public record BenchResult(
    String title,
    Path dir,
    Path csv,
    List<Path> plots,
    LoadGenerator.Run run,
    Map<Operation, OperationStats> stats,
    CpuUsage cpu) {

  /**
   * @return requests of every operation
   */
  public long total() {
    return run.samples().size();
  }

  /**
   * @param operation an operation
   * @return its figures, if it occurred
   */
  public Optional<OperationStats> stats(Operation operation) {
    return Optional.ofNullable(stats.get(operation));
  }

  /**
   * @return the per-operation table, plus a total row, as Markdown
   */
  public String table() {
    MarkdownTable table = new MarkdownTable(OperationStats.tableHeader());
    stats.values().forEach(s -> table.row(s.tableRow()));
    long errors = stats.values().stream().mapToLong(OperationStats::errors).sum();
    long refused = stats.values().stream().mapToLong(OperationStats::refused).sum();
    long ok = stats.values().stream().mapToLong(OperationStats::ok).sum();
    double seconds = run.wall().toNanos() / 1e9;
    table.row(
        "total",
        Long.toString(total()),
        Long.toString(ok),
        Long.toString(refused),
        Long.toString(errors),
        bookstore.bench.report.Format.rate(total() / seconds),
        "",
        "",
        "",
        "");
    return table.toString();
  }

  /**
   * @return the nodes' CPU time in the run and per request, per node and in all, as Markdown
   */
  public String cpuTable() {
    return cpu.table(total());
  }

  /**
   * @return the nodes' CPU time per request of the run, in ms, as a table cell (n/a: not measured)
   */
  public String cpuPerOperationCell() {
    return cpu.perOperationCell(total());
  }
}
