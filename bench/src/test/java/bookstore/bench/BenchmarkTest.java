package bookstore.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bookstore.bench.load.ItemMix;
import bookstore.bench.load.Operation;
import bookstore.bench.report.Format;
import bookstore.bench.report.OperationStats;
import bookstore.bench.report.SampleCsv;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Short runs against {@link StubStore}: what is written and printed adds up. Nothing is timed. */
class BenchmarkTest {
  private static final Pattern TOTAL = Pattern.compile("\\| total\\s*\\|\\s*(\\d+)\\s*\\|");

  @TempDir Path dir;

  @Test
  void aShortRunWritesEveryRequestAndPlotsAndTheCountsAddUp() throws IOException {
    // item 99 is unknown (errors), and stock 3 runs out at once (refusals and restocks)
    try (StubStore store = new StubStore(List.of(1, 2), 3)) {
      ByteArrayOutputStream printed = new ByteArrayOutputStream();
      Benchmark bench =
          new Benchmark(store.url(), new PrintStream(printed, true, StandardCharsets.UTF_8), null);
      BenchPlan plan =
          new BenchPlan(
              2,
              Duration.ofSeconds(2),
              0,
              0.5,
              new ItemMix(List.of(1, 2, 99), 0.5),
              Duration.ZERO,
              false);

      BenchResult result = bench.run(plan, dir);

      List<String> csv = Files.readAllLines(result.csv());
      assertEquals(SampleCsv.HEADER, csv.get(0));
      assertEquals(result.total(), csv.size() - 1, "one row per request");
      assertEquals(
          result.total(),
          printedTotal(printed.toString(StandardCharsets.UTF_8)),
          "the printed total");
      Map<Operation, Long> rowsPerOperation = new EnumMap<>(Operation.class);
      for (String row : csv.subList(1, csv.size())) {
        rowsPerOperation.merge(
            Operation.valueOf(row.split(",")[1].toUpperCase().replace('-', '_')), 1L, Long::sum);
      }
      long sum = 0;
      for (OperationStats s : result.stats().values()) {
        assertEquals(
            s.count(),
            s.ok() + s.refused() + s.errors(),
            s.operation() + ": ok + refused + errors");
        assertEquals(s.count(), rowsPerOperation.get(s.operation()), s.operation() + " rows");
        sum += s.count();
      }
      assertEquals(result.total(), sum, "the operations' counts add up to the total");
      assertTrue(
          result.stats(Operation.LOOKUP).orElseThrow().errors() > 0,
          "lookups of the unknown item fail");
      assertTrue(
          result.stats(Operation.BUY).orElseThrow().refused() > 0,
          "buys of sold-out items are refused");
      assertTrue(result.stats(Operation.RESTOCK).isPresent(), "sold-out items are restocked");
      assertEquals(
          List.of("{\"enabled\":false}", "{\"enabled\":true}"),
          store.cacheSwitches,
          "cache off for the run, then back on");
      assertEquals(
          1 + result.stats().size(),
          result.plots().size(),
          "latency over time and one histogram per operation");
      for (Path png : result.plots()) {
        assertTrue(Files.size(png) > 1000, png + " is a picture");
      }
      assertTrue(Files.exists(dir.resolve("summary.md")));
      String out = printed.toString(StandardCharsets.UTF_8);
      assertTrue(
          out.indexOf("CPU per node") > out.indexOf("| total"),
          "the CPU table follows the latency table:\n" + out);
      assertTrue(
          Files.readString(dir.resolve("summary.md")).contains("CPU per node"),
          "and is in the summary");
    }
  }

  @Test
  void eachRunReportsTheCpuTimeOfEveryNodeItFoundAndPerRequest() throws IOException {
    Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "a Linux /proc");
    try (StubStore store = new StubStore(List.of(1, 2), 1_000)) {
      ByteArrayOutputStream printed = new ByteArrayOutputStream();
      // this JVM runs the stub (the front end); the broker is not running
      Benchmark bench = store.benchmark(dir.resolve("run"), printed, "broker");

      BenchResult result =
          bench.run(
              new BenchPlan(2, null, 400, 0.5, new ItemMix(List.of(1, 2), 0), Duration.ZERO, null),
              dir.resolve("out"));

      String out = printed.toString(StandardCharsets.UTF_8);
      assertEquals(List.of("broker", "frontend"), List.copyOf(result.cpu().msByNode().keySet()));
      assertTrue(result.cpu().msByNode().get("broker").isEmpty());
      double frontendMs = result.cpu().msByNode().get("frontend").orElseThrow();
      assertEquals(
          frontendMs, result.cpu().totalMs().orElseThrow(), "the total leaves the broker out");
      assertTrue(out.contains("over the run's 400 requests"), out);
      Matcher total =
          Pattern.compile("(?m)^\\| total\\s*\\| (\\d+)\\s*\\| (\\d+\\.\\d+)\\s*\\|$").matcher(out);
      assertTrue(total.find(), out);
      assertEquals(Math.round(frontendMs), Long.parseLong(total.group(1)));
      assertEquals(Format.ms(frontendMs / 400), total.group(2), "per request");
      assertTrue(
          Pattern.compile("(?m)^\\| broker\\s*\\| -\\s*\\| -\\s*\\|$").matcher(out).find(), out);
      String summary = Files.readString(dir.resolve("out/summary.md"));
      assertTrue(summary.contains(result.cpuTable()), summary);
    }
  }

  @Test
  void theCommandRunsARequestCountAndPrintsIt() throws IOException {
    try (StubStore store = new StubStore(List.of(1, 2, 3, 4, 5, 6, 7), 1_000)) {
      PrintStream stdout = System.out;
      ByteArrayOutputStream printed = new ByteArrayOutputStream();
      int exit;
      try {
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        exit =
            new CommandLine(new BenchCommand())
                .execute(
                    "--url",
                    store.url().toString(),
                    "--clients",
                    "2",
                    "--requests",
                    "40",
                    "--cache",
                    "off",
                    "--out",
                    dir.toString(),
                    "--no-progress");
      } finally {
        System.setOut(stdout);
      }
      assertEquals(0, exit);
      assertEquals(List.of("{\"enabled\":false}", "{\"enabled\":true}"), store.cacheSwitches);
      assertEquals(40, printedTotal(printed.toString(StandardCharsets.UTF_8)));
      assertEquals(41, Files.readAllLines(dir.resolve("requests.csv")).size());
      assertTrue(Files.size(dir.resolve("latency-over-time.png")) > 1000);
      assertTrue(Files.size(dir.resolve("histogram-lookup.png")) > 1000);
    }
  }

  @Test
  void theCommandSaysWhenTheStoreIsNotRunning() throws IOException {
    java.net.URI nowhere;
    try (StubStore store = new StubStore(List.of(1), 1)) {
      nowhere = store.url();
    }
    int exit =
        new CommandLine(new BenchCommand())
            .execute("--url", nowhere.toString(), "--requests", "1", "--out", dir.toString());
    assertEquals(BenchCommand.UNREACHABLE, exit);
  }

  static long printedTotal(String printed) {
    Matcher m = TOTAL.matcher(printed);
    assertTrue(m.find(), "a total row in:\n" + printed);
    return Long.parseLong(m.group(1));
  }
}
