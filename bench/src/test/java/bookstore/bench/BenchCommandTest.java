package bookstore.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bookstore.bench.experiment.ClusterWarmUp;
import bookstore.bench.load.ItemMix;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The bench command's options as parsed; nothing runs. */
class BenchCommandTest {
  @Test
  void theClusterWarmUpLastsTwoMinutesUnlessToldAndZeroSkipsIt() {
    assertEquals(Duration.ofSeconds(120), parse().clusterWarmUp);
    assertEquals(ClusterWarmUp.DEFAULT_LENGTH, parse().clusterWarmUp);
    assertEquals(Duration.ofSeconds(90), parse("--cluster-warm-up", "90s").clusterWarmUp);
    assertEquals(Duration.ofMinutes(3), parse("--cluster-warm-up=3m").clusterWarmUp);
    assertEquals(Duration.ZERO, parse("--cluster-warm-up", "0").clusterWarmUp);
    assertEquals(
        Duration.ofSeconds(2),
        parse("--cluster-warm-up", "0", "--warm-up", "2s").warmUp,
        "the per-workload warm-up stays");

    assertTrue(new ClusterWarmUp(parse().clusterWarmUp, ItemMix.SEEDED_BOOKS).enabled());
    assertFalse(
        new ClusterWarmUp(parse("--cluster-warm-up", "0").clusterWarmUp, ItemMix.SEEDED_BOOKS)
            .enabled());
    assertFalse(
        new ClusterWarmUp(parse("--cluster-warm-up", "0s").clusterWarmUp, ItemMix.SEEDED_BOOKS)
            .enabled());
  }

  @Test
  void theWarmUpLoadIsMixedWithTheCacheOff() {
    BenchPlan plan = new ClusterWarmUp(Duration.ofSeconds(120), ItemMix.SEEDED_BOOKS).plan();
    assertEquals(8, plan.clients());
    assertEquals(0.5, plan.buyProbability());
    assertEquals(false, plan.cache());
    assertEquals(Duration.ofSeconds(120), plan.duration());
    assertTrue(
        new ClusterWarmUp(Duration.ofSeconds(120), ItemMix.SEEDED_BOOKS)
            .describe()
            .contains("follow 120 s of warm-up load"));
    assertTrue(ClusterWarmUp.none(ItemMix.SEEDED_BOOKS).describe().startsWith("Warm-up: none"));
  }

  @Test
  void theUrlIsTheBenchsOwnOption() {
    assertEquals(
        URI.create("http://127.0.0.1:9080"), parse("--url", "http://127.0.0.1:9080").baseUrl());
    assertTrue(
        new CommandLine(new BenchCommand())
            .getUsageMessage()
            .startsWith("Usage: bookstore bench "));
  }

  private static BenchCommand parse(String... options) {
    BenchCommand command = new BenchCommand();
    new CommandLine(command).parseArgs(options);
    return command;
  }
}
