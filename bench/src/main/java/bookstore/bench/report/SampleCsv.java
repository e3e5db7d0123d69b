package bookstore.bench.report;

import bookstore.bench.load.Sample;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes every request of a run as CSV, one row per request in start order, under the header
 * {@value #HEADER}. Times: {@code start_ms} since the run started (ms, 3 decimals), {@code
 * latency_us} in microseconds.
 */
public final class SampleCsv {
  /** The CSV's header line. */
  public static final String HEADER =
      "start_ms,operation,item,status,outcome,latency_us,served_by,error";

  private SampleCsv() {}

  /**
   * @param samples a run's requests
   * @param file where to write them
   */
  public static void write(List<Sample> samples, Path file) {
    try (BufferedWriter out = Files.newBufferedWriter(file)) {
      out.write(HEADER);
      out.newLine();
      for (Sample s : samples) {
        out.write(String.format(Locale.ROOT, "%.3f", s.startMicros() / 1e3));
        out.write(',');
        out.write(s.operation().label());
        out.write(',');
        out.write(Integer.toString(s.itemId()));
        out.write(',');
        out.write(Integer.toString(s.status()));
        out.write(',');
        out.write(s.outcome().label());
        out.write(',');
        out.write(Long.toString(s.latencyMicros()));
        out.write(',');
        out.write(s.servedBy());
        out.write(',');
        out.write(quote(s.error()));
        out.newLine();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static String quote(String field) {
    if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0) {
      return field;
    }
    return '"' + field.replace("\"", "\"\"").replace('\n', ' ') + '"';
  }
}
