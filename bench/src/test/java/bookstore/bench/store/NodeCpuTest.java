package bookstore.bench.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bookstore.bench.report.CpuUsage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading {@code /proc/<pid>/stat}, on fake stat files in a fake run directory, and once on this
 * JVM itself.
 */
class NodeCpuTest {
  @TempDir Path dir;

  /**
   * A stat line as Linux writes it (52 fields), of a process named {@code name}: utime {@code
   * user}, stime {@code system} (ticks), started at tick {@code start}.
   */
  static String statLine(long pid, String name, char state, long user, long system, long start) {
    return pid
        + " ("
        + name
        + ") "
        + state
        + " 1 "
        + pid
        + " "
        + pid
        + " 0 -1 4194560 51234 0 12 0 "
        + user
        + " "
        + system
        + " 0 0 20 0 87 0 "
        + start
        + " 5368709120 262144 18446744073709551615 1 1 0 0 0 0 0 4096 17607 0 0 0 17 1 0 0 0 0 0"
        + " 0 0 0 0 0 0 0 0\n";
  }

  @Test
  void parsesUserAndSystemTimeAfterTheLastParenthesis() {
    NodeCpu.Stat stat = NodeCpu.parse(statLine(4242, "java", 'S', 1500, 320, 69031));
    assertEquals(1820, stat.cpuTicks(), "utime + stime");
    assertEquals(69031, stat.startTicks());
    assertEquals('S', stat.state());
    assertTrue(stat.running());

    NodeCpu.Stat tricky = NodeCpu.parse(statLine(7, "my (odd) node) 1 2 3", 'R', 11, 22, 5));
    assertEquals(
        33,
        tricky.cpuTicks(),
        "spaces and parentheses in the command name do not shift the fields");
    assertEquals(5, tricky.startTicks());

    assertFalse(NodeCpu.parse(statLine(7, "java", 'Z', 1, 2, 3)).running(), "a zombie has exited");
    assertThrows(IllegalArgumentException.class, () -> NodeCpu.parse("4242 java S 1 2 3"));
    assertThrows(IllegalArgumentException.class, () -> NodeCpu.parse("4242 (java) S 1 2 3"));
  }

  @Test
  void theDeltaOfEachNodeInMsAndNodesNotRunningThroughoutAreNotMeasured() throws IOException {
    Path run = dir.resolve("run");
    Path proc = dir.resolve("proc");
    node(run, "broker", 100);
    node(run, "frontend", 101);
    node(run, "catalog-10", 110);
    node(run, "catalog-2", 102);
    node(run, "order-1", 201);
    Files.createDirectories(run.resolve("order-2")); // stopped: no pid file
    Files.createDirectories(run.resolve("derby-logs")); // not a node
    Files.writeString(run.resolve("cluster.env"), "CATALOG_REPLICAS=3\n");
    stat(proc, 100, 'S', 1000, 200, 50);
    stat(proc, 101, 'S', 5000, 1000, 60);
    stat(proc, 110, 'S', 10, 10, 70);
    stat(proc, 102, 'S', 300, 100, 80);
    stat(proc, 201, 'S', 40, 2, 90);
    NodeCpu cpu = new NodeCpu(Optional.of(run), proc, 100);

    NodeCpu.Snapshot before = cpu.snapshot();
    stat(proc, 100, 'S', 1010, 205, 50); // +15 ticks
    stat(proc, 101, 'R', 5200, 1050, 60); // +250 ticks
    Files.delete(proc.resolve("110/stat")); // catalog-10 killed
    stat(proc, 102, 'S', 0, 1, 999); // catalog-2 restarted: pid reused by a process started later
    stat(proc, 201, 'Z', 50, 2, 90); // order-1 exited, not yet reaped
    node(run, "order-3", 203); // started during the run
    stat(proc, 203, 'S', 5, 5, 95);
    CpuUsage used = cpu.since(before);

    assertEquals(
        List.of("broker", "frontend", "catalog-2", "catalog-10", "order-1", "order-2", "order-3"),
        List.copyOf(used.msByNode().keySet()));
    assertEquals(OptionalDouble.of(150), used.msByNode().get("broker"), "15 ticks of 10 ms");
    assertEquals(OptionalDouble.of(2500), used.msByNode().get("frontend"));
    for (String gone : List.of("catalog-2", "catalog-10", "order-1", "order-2", "order-3")) {
      assertTrue(used.msByNode().get(gone).isEmpty(), gone + " did not run throughout");
    }
    assertEquals(OptionalDouble.of(2650), used.totalMs(), "the nodes measured only");
    assertEquals(OptionalDouble.of(2.65), used.perOperationMs(1000));
  }

  @Test
  void ticksPerSecondScaleTheMilliseconds() throws IOException {
    Path run = dir.resolve("run");
    Path proc = dir.resolve("proc");
    node(run, "frontend", 101);
    stat(proc, 101, 'S', 0, 0, 1);
    NodeCpu cpu = new NodeCpu(Optional.of(run), proc, 250);
    NodeCpu.Snapshot before = cpu.snapshot();
    stat(proc, 101, 'S', 400, 100, 1);
    assertEquals(
        OptionalDouble.of(2000),
        cpu.since(before).msByNode().get("frontend"),
        "500 ticks at 250 per second: 2 s");
  }

  @Test
  void withoutARunDirectoryNothingIsMeasured() {
    NodeCpu none = NodeCpu.none();
    CpuUsage used = none.since(none.snapshot());
    assertTrue(used.msByNode().isEmpty());
    assertTrue(used.totalMs().isEmpty());
    NodeCpu missing = new NodeCpu(Optional.of(dir.resolve("no-such-run")), dir, 100);
    assertTrue(missing.since(missing.snapshot()).msByNode().isEmpty());
  }

  @Test
  void readsThisJvmsOwnCpuTimeFromProc() throws IOException {
    Path proc = Path.of("/proc");
    Assumptions.assumeTrue(Files.isReadable(proc.resolve("self/stat")), "a Linux /proc");
    Path run = dir.resolve("run");
    node(run, "frontend", ProcessHandle.current().pid());
    NodeCpu cpu = new NodeCpu(Optional.of(run), proc, NodeCpu.DEFAULT_TICKS_PER_SECOND);
    NodeCpu.Snapshot before = cpu.snapshot();
    assertTrue(before.nodes().get("frontend").isPresent(), "this JVM is running");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    double spent = 0;
    long sink = 0;
    while (spent == 0
        && System.nanoTime() < deadline) { // burn CPU until the kernel counts a tick of it
      for (int i = 0; i < 1_000_000; i++) {
        sink += Long.numberOfTrailingZeros(sink + i);
      }
      spent = cpu.since(before).msByNode().get("frontend").orElseThrow();
    }
    assertTrue(spent > 0, "CPU time counted (" + sink + ")");
  }

  private static void node(Path run, String name, long pid) throws IOException {
    Files.createDirectories(run.resolve(name));
    Files.writeString(run.resolve(name).resolve("pid"), pid + "\n");
  }

  private static void stat(Path proc, long pid, char state, long user, long system, long start)
      throws IOException {
    Files.createDirectories(proc.resolve(Long.toString(pid)));
    Files.writeString(
        proc.resolve(pid + "/stat"), statLine(pid, "java", state, user, system, start));
  }
}
