package bookstore.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bookstore.bench.BenchPlan;
import bookstore.bench.BenchResult;
import bookstore.bench.Benchmark;
import bookstore.bench.load.Operation;
import bookstore.bench.report.OperationStats;
import bookstore.bench.report.SampleCsv;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The load generator against the real cluster, in this JVM through its Java API: a short run (2
 * clients, 5 s) writes one CSV row per request and its plots, and the counts add up. Nothing is
 * timed: the figures depend on the machine.
 */
@ClusterTest
class BenchIT {
  private final Cluster cluster;

  BenchIT(Cluster cluster) {
    this.cluster = cluster;
  }

  @Test
  void aShortRunWritesItsCsvAndPlotsAndTheCountsAddUp() throws IOException {
    Path dir = Path.of("target", "bench-it").toAbsolutePath();
    Benchmark bench = new Benchmark(URI.create(cluster.frontendUrl()), System.out, null);

    BenchResult result =
        bench.run(BenchPlan.defaults().withClients(2).withDuration(Duration.ofSeconds(5)), dir);

    assertTrue(result.total() > 0, "some requests were made");
    List<String> csv = Files.readAllLines(result.csv());
    assertEquals(SampleCsv.HEADER, csv.get(0));
    assertEquals(result.total(), csv.size() - 1, "one CSV row per request");
    long sum = 0;
    for (OperationStats s : result.stats().values()) {
      assertEquals(
          s.count(), s.ok() + s.refused() + s.errors(), s.operation() + ": ok + refused + errors");
      assertEquals(
          s.count(),
          csv.stream()
              .skip(1)
              .filter(row -> row.split(",")[1].equals(s.operation().label()))
              .count(),
          s.operation() + ": CSV rows");
      sum += s.count();
    }
    assertEquals(result.total(), sum, "the operations' counts add up to the total");
    assertTrue(result.stats(Operation.LOOKUP).isPresent(), "every session looks up");
    assertTrue(result.plots().contains(dir.resolve("latency-over-time.png")));
    for (Path png : result.plots()) {
      assertTrue(Files.size(png) > 1000, png + " is a picture");
    }
  }
}
