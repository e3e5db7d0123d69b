package bookstore.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code ./bookstore chaos}, as a user runs it, against the shared cluster: a 60 s run with kills
 * and freezes under eight clients ends with the verdict "holds" (exit status 0), prints a progress
 * line per fault, writes the history, the faults, the timeline plot and {@code verdict.md}, and the
 * admin page's event list shows each fault. The checker it runs is the fault ITs' own ({@link
 * HistoryRun}); its rules are tested on doctored histories by the chaos module's {@code
 * HistoryCheckerTest}.
 */
@ClusterTest
class ChaosIT {
  private final Cluster cluster;

  ChaosIT(Cluster cluster) {
    this.cluster = cluster;
  }

  @Test
  void aShortRunWithKillsAndFreezesHoldsAndWritesItsResults() throws IOException {
    Path out = Path.of("target", "chaos-it").toAbsolutePath();
    delete(out);
    Cluster.Outcome run =
        cluster.run(
            Duration.ofMinutes(8),
            "chaos",
            "--duration",
            "60s",
            "--faults",
            "kill,freeze",
            "--interval",
            "15s",
            "--fault-length",
            "5s",
            "--seed",
            "15",
            "--out",
            out.toString());
    assertEquals(0, run.exitCode(), "exit status 0: every check holds\n" + run.output());
    assertTrue(run.output().contains("verdict: holds"), run.output());
    List<String> progress = run.output().lines().filter(l -> l.contains("healed after")).toList();
    assertTrue(!progress.isEmpty(), "a progress line per fault: " + run.output());

    String verdict = Files.readString(out.resolve("verdict.md"));
    assertTrue(verdict.contains("the verdict holds"), verdict);
    assertTrue(verdict.contains("seed 15") || verdict.contains("seed: 15"), verdict);
    List<String> history = Files.readAllLines(out.resolve("history.csv"));
    assertTrue(history.size() > 1_000, "every operation of 60 s: " + history.size() + " rows");
    assertEquals(progress.size() + 1, Files.readAllLines(out.resolve("faults.csv")).size());
    assertTrue(Files.size(out.resolve("timeline.png")) > 10_000, "the timeline plot");

    String events = Http.adminGet(cluster.frontendUrl() + "/api/admin/events").body();
    assertTrue(
        events.contains("\"kind\":\"FAULT\"") && events.contains("chaos: "),
        "the admin page's events list the faults: " + events);
  }

  @Test
  void aPartitionWithoutNetworkNamespacesIsAUsageErrorAndBreaksNothing() {
    Cluster.Outcome run = cluster.run(Duration.ofMinutes(1), "chaos", "--faults", "partition");
    assertEquals(2, run.exitCode(), run.output());
    assertTrue(run.output().contains("BOOKSTORE_NETNS"), run.output());
    assertTrue(
        cluster.status().values().stream().noneMatch(s -> s.health().equals("stopped")),
        "every node still runs");
  }

  private static void delete(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
