package bookstore.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bookstore.bench.experiment.ClusterWarmUp;
import bookstore.bench.experiment.CourseExperiment;
import bookstore.bench.experiment.EvaluationDocument;
import bookstore.bench.experiment.FakeWrk;
import bookstore.bench.experiment.PeakExperiment;
import bookstore.bench.experiment.Wrk;
import bookstore.bench.load.ItemMix;
import bookstore.bench.report.CpuUsage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The experiments, very short, against {@link StubStore}: each writes its section of EVALUATION.md
 * and its plots, and leaves the other's section in place. Nothing is timed.
 */
class ExperimentsTest {
  /**
   * A captured wrk summary ({@link FakeWrk#CACHED_LOOKUPS}), its rate raised above the 20,000 req/s
   * target.
   */
  private static final String WRK_OUTPUT =
      FakeWrk.CACHED_LOOKUPS.replace("Requests/sec:   6654.69", "Requests/sec:  22334.12");

  @TempDir Path dir;

  @Test
  void courseThenPeakWriteOneDocumentWithBothSectionsAndTheTargets() throws IOException {
    try (StubStore store = new StubStore(List.of(1, 2, 3, 4, 5, 6, 7), 1_000)) {
      ByteArrayOutputStream printed = new ByteArrayOutputStream();
      // the nodes: this JVM (it runs the stub) as the front end, and a catalog replica that is not
      // running
      Benchmark bench = store.benchmark(dir.resolve("run"), printed, "catalog-1");
      Path docs = dir.resolve("docs");
      BenchPlan plan =
          new BenchPlan(
              2, Duration.ofSeconds(1), 0, 0.2, ItemMix.SEEDED_BOOKS, Duration.ZERO, null);
      CourseExperiment.Settings settings =
          new CourseExperiment.Settings(
              plan,
              Duration.ofMillis(300),
              List.of(0.0, 0.5),
              5,
              Duration.ofSeconds(1),
              Duration.ofMillis(300),
              Duration.ofMillis(300),
              new ClusterWarmUp(Duration.ofMillis(300), ItemMix.SEEDED_BOOKS));

      new CourseExperiment(bench, settings, Optional.empty())
          .run(dir.resolve("course"), new EvaluationDocument(docs));
      assertEquals(
          List.of("{\"enabled\":false}", "{\"enabled\":true}"),
          store.cacheSwitches.subList(0, 2),
          "the cluster warm-up runs with the cache off first");
      assertTrue(Files.exists(dir.resolve("course/cluster-warm-up/requests.csv")));
      Path args = dir.resolve("wrk-args.txt");
      Path lua = dir.resolve("wrk-script.lua");
      Wrk wrk = new Wrk(FakeWrk.recording(dir, args, lua, WRK_OUTPUT));
      new PeakExperiment(
              bench,
              List.of(1, 16),
              Duration.ofMillis(200),
              Duration.ofMillis(100),
              ClusterWarmUp.none(ItemMix.SEEDED_BOOKS),
              Optional.of(wrk))
          .run(dir.resolve("peak"), new EvaluationDocument(docs));

      String text = Files.readString(docs.resolve("EVALUATION.md"));
      assertTrue(
          text.contains("Warm-up: the figures follow 0.3 s of warm-up load"),
          "the course says it followed the warm-up:\n" + text);
      assertTrue(text.contains("Warm-up: none"), "the peak says it had none");
      assertTrue(
          Pattern.compile(
                  "\\| cached lookup \\(wrk\\)\\s*\\| 1\\s*\\| 22334\\.1\\s*\\| 1\\.790\\s*\\|")
              .matcher(text)
              .find(),
          text);
      assertTrue(
          Pattern.compile("\\| cached lookup \\(wrk\\)\\s*\\| 16 ").matcher(text).find(), text);
      assertTrue(
          Pattern.compile(
                  "\\| cached lookups, 16 connections\\s*\\| [^|]*\\| \\d+\\.\\d req/s \\(wrk: 22334\\.1 req/s\\)\\s*\\| met ")
              .matcher(text)
              .find(),
          text);
      List<String> wrkRuns = Files.readAllLines(args);
      assertEquals(
          List.of(
              "-t1 -c1 -d1s --latency " + store.url() + "/api/books/1",
              "-t2 -c16 -d1s --latency " + store.url() + "/api/books/1"),
          wrkRuns.stream().filter(line -> line.endsWith("/api/books/1")).toList());
      List<String> buyRuns = wrkRuns.stream().filter(line -> line.endsWith("/api/orders")).toList();
      assertEquals(2, buyRuns.size(), wrkRuns.toString());
      assertTrue(
          buyRuns
              .get(0)
              .matches(
                  "-t1 -c1 -d1s -s \\S+\\.lua --latency "
                      + Pattern.quote(store.url() + "/api/orders")),
          buyRuns.get(0));
      assertTrue(buyRuns.get(1).startsWith("-t2 -c16 -d1s -s "), buyRuns.get(1));
      assertTrue(
          Files.readString(lua).contains("local items = {1, 2, 3, 4, 5, 6, 7}"),
          "wrk buys the experiment's items");
      for (int item = 1; item <= 7; item++) {
        assertEquals(
            PeakExperiment.WRK_BUY_STOCK_PER_SECOND,
            store.stock(item),
            "item " + item + " restocked for wrk's buys of 1 s");
      }
      assertTrue(
          Pattern.compile("\\| buy \\(wrk\\)\\s*\\| 1\\s*\\| 22334\\.1\\s*\\| 1\\.790\\s*\\|")
              .matcher(text)
              .find(),
          text);
      assertTrue(Pattern.compile("\\| buy \\(wrk\\)\\s*\\| 16 ").matcher(text).find(), text);
      assertTrue(
          Pattern.compile(
                  "\\| buys, 16 connections\\s*\\| [^|]*\\| \\d+\\.\\d buys/s \\(wrk: 22334\\.1 buys/s\\)\\s*\\| met ")
              .matcher(text)
              .find(),
          text);
      assertTrue(
          Pattern.compile(
                  "\\| uncached lookups, 16 connections\\s*\\| >= 3,000 req/s\\s*\\| \\d+\\.\\d req/s")
              .matcher(text)
              .find(),
          text);
      assertTrue(
          Pattern.compile(
                  "\\| CPU per buy, all nodes, 16 connections\\s*\\| <= 5 ms\\s*\\| \\d+\\.\\d+ ms")
              .matcher(text)
              .find(),
          text);

      // CPU per operation: a column of the peak table (wrk rows too) and of the sweep, measured on
      // this JVM (n/a without /proc)
      boolean proc = Files.isReadable(Path.of("/proc/self/stat"));
      String perOperation = proc ? "\\d+\\.\\d+" : "n/a";
      assertTrue(text.contains("| " + CpuUsage.COLUMN), text);
      for (String row :
          List.of(
              "cached lookup",
              "cached lookup \\(wrk\\)",
              "buy",
              "buy \\(wrk\\)",
              "0\\.5\\s*\\| off")) {
        assertTrue(
            Pattern.compile("(?m)^\\| " + row + "\\s*\\|.*\\| " + perOperation + "\\s*\\|$")
                .matcher(text)
                .find(),
            row + " has a CPU figure:\n" + text);
      }
      String out = printed.toString(StandardCharsets.UTF_8);
      String frontend = proc ? "\\| \\d+\\s*\\| \\d+\\.\\d+" : "\\| -\\s*\\| -";
      assertTrue(
          Pattern.compile("(?m)^\\| frontend\\s*" + frontend + "\\s*\\|$").matcher(out).find(),
          out);
      assertTrue(
          Pattern.compile("(?m)^\\| catalog-1\\s*\\| -\\s*\\| -\\s*\\|$").matcher(out).find(),
          "no process: -\n" + out);
      assertTrue(
          Files.readString(dir.resolve("peak/buy-16/summary.md")).contains("| frontend "),
          "the CPU table is in the run's summary");
      assertTrue(text.contains("## Course experiment"), text);
      assertTrue(text.contains("### 2. A lookup that misses"), text);
      assertTrue(
          Pattern.compile("\\| miss right after an invalidation\\s*\\| 5 ").matcher(text).find(),
          "every probe round measured a miss:\n" + text);
      assertTrue(
          text.contains("Not run: it kills nodes through"), "no failover without BOOKSTORE_HOME");
      assertTrue(text.contains("## Peak"), text);
      assertTrue(text.contains("| cached lookup p50, 1 client"), text);
      assertTrue(
          Pattern.compile("\\| max latency around a primary kill\\s*\\|[^|]*\\| not measured yet")
              .matcher(text)
              .find(),
          text);
      for (String png : List.of("latency-vs-p", "peak-throughput", "peak-latency")) {
        assertTrue(Files.size(docs.resolve("evaluation/" + png + ".png")) > 1000, png);
      }
      assertEquals(1, text.split("## Course experiment", -1).length - 1, "the course section once");
      assertTrue(Files.exists(dir.resolve("course/invalidation/invalidation.csv")));
    }
  }
}
