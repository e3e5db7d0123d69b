package bookstore.client.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bookstore.client.bench.experiment.CourseExperiment;
import bookstore.client.bench.experiment.EvaluationDocument;
import bookstore.client.bench.experiment.PeakExperiment;
import bookstore.client.bench.load.ItemMix;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The experiments, very short, against {@link StubStore}: each writes its section of
 * EVALUATION.md and its plots, and leaves the other's section in place. Nothing is timed.
 */
class ExperimentsTest {
  @TempDir Path dir;

  @Test
  void courseThenPeakWriteOneDocumentWithBothSectionsAndTheTargets() throws IOException {
    try (StubStore store = new StubStore(List.of(1, 2, 3, 4, 5, 6, 7), 1_000)) {
      Benchmark bench = new Benchmark(store.url(), new PrintStream(new ByteArrayOutputStream()), null);
      Path docs = dir.resolve("docs");
      BenchPlan plan = new BenchPlan(2, Duration.ofSeconds(1), 0, 0.2, ItemMix.SEEDED_BOOKS, Duration.ZERO, null);
      CourseExperiment.Settings settings =
          new CourseExperiment.Settings(
              plan, Duration.ofMillis(300), List.of(0.0, 0.5), 5, Duration.ofSeconds(1), Duration.ofMillis(300), Duration.ofMillis(300));

      new CourseExperiment(bench, settings, Optional.empty()).run(dir.resolve("course"), new EvaluationDocument(docs));
      new PeakExperiment(bench, List.of(1, 2), Duration.ofMillis(200), Duration.ofMillis(100)).run(dir.resolve("peak"), new EvaluationDocument(docs));

      String text = Files.readString(docs.resolve("EVALUATION.md"));
      assertTrue(text.contains("## Course experiment"), text);
      assertTrue(text.contains("### 2. A lookup that misses"), text);
      assertTrue(Pattern.compile("\\| miss right after an invalidation\\s*\\| 5 ").matcher(text).find(), "every probe round measured a miss:\n" + text);
      assertTrue(text.contains("Not run: it kills nodes through"), "no failover without BOOKSTORE_HOME");
      assertTrue(text.contains("## Peak"), text);
      assertTrue(text.contains("| cached lookup p50, 1 client"), text);
      assertTrue(Pattern.compile("\\| max latency around a primary kill\\s*\\|[^|]*\\| not measured yet").matcher(text).find(), text);
      for (String png : List.of("latency-vs-p", "peak-throughput", "peak-latency")) {
        assertTrue(Files.size(docs.resolve("evaluation/" + png + ".png")) > 1000, png);
      }
      assertEquals(1, text.split("## Course experiment", -1).length - 1, "the course section once");
      assertTrue(Files.exists(dir.resolve("course/invalidation/invalidation.csv")));
    }
  }
}
