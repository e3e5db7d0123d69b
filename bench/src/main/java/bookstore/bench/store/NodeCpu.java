package bookstore.bench.store;

import bookstore.bench.report.CpuUsage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The CPU time the store's node processes spend, read from Linux's {@code /proc/<pid>/stat} (see
 * proc(5)): {@code utime + stime}, fields 14 and 15, user and system time in clock ticks ({@code
 * getconf CLK_TCK}, 100 on Linux). Every figure this class hands out is in <b>milliseconds</b> of
 * CPU time (a process running on two cores for 1 s spends 2,000 ms); its resolution is one tick (10
 * ms).
 *
 * <p>The nodes are the directories of the cluster's run directory that {@code ./bookstore} names
 * {@code broker}, {@code frontend}, {@code catalog-N} and {@code order-N}; each running node's PID
 * is in its {@code pid} file. A {@link #snapshot()} before a run and {@link #since(Snapshot)} after
 * it give each node's CPU time in the run. A node counts only if the same process (same PID and
 * start time) runs before and after: a node without a PID file, whose process is gone (killed by
 * the failover run), or which was replaced by a restart is not measured. Nothing here fails a run:
 * what cannot be read is not measured.
 */
public final class NodeCpu {
  /** Clock ticks per second when {@code getconf CLK_TCK} does not say: Linux's USER_HZ. */
  public static final long DEFAULT_TICKS_PER_SECOND = 100;

  private static final Pattern NODE = Pattern.compile("(broker|frontend)|(catalog|order)-(\\d+)");
  private static final List<String> ORDER = List.of("broker", "frontend", "catalog", "order");

  /** broker, frontend, catalog-1, catalog-2, ..., order-1, ... */
  private static final Comparator<String> NODE_ORDER =
      Comparator.<String>comparingInt(name -> ORDER.indexOf(role(name)))
          .thenComparingInt(NodeCpu::replicaId);

  private final Optional<Path> runDir;
  private final Path proc;
  private final long ticksPerSecond;

  /**
   * @param runDir the cluster's run directory ({@code BOOKSTORE_RUN_DIR}), or empty to measure
   *     nothing
   * @param proc the proc file system, {@code /proc}
   * @param ticksPerSecond clock ticks per second of {@code utime} and {@code stime} ({@code
   *     CLK_TCK})
   */
  public NodeCpu(Optional<Path> runDir, Path proc, long ticksPerSecond) {
    if (ticksPerSecond <= 0) {
      throw new IllegalArgumentException("ticks per second must be positive");
    }
    this.runDir = runDir;
    this.proc = proc;
    this.ticksPerSecond = ticksPerSecond;
  }

  /**
   * @return the nodes of the run directory {@link ClusterControl#runDirectory()} names, read from
   *     {@code /proc}; measures nothing when the bench was not started by {@code ./bookstore bench}
   */
  public static NodeCpu fromEnvironment() {
    return new NodeCpu(ClusterControl.runDirectory(), Path.of("/proc"), Ticks.PER_SECOND);
  }

  /**
   * @return one that measures nothing (every run's CPU table says so)
   */
  public static NodeCpu none() {
    return new NodeCpu(Optional.empty(), Path.of("/proc"), DEFAULT_TICKS_PER_SECOND);
  }

  /**
   * @return the run directory the nodes are found in, if any
   */
  public Optional<Path> runDirectory() {
    return runDir;
  }

  /**
   * What {@code /proc/<pid>/stat} says of a process.
   *
   * @param state field 3: {@code R}, {@code S}, {@code D}, ... ; {@code Z} (zombie) or {@code X}
   *     (dead) for a process that has exited
   * @param cpuTicks fields 14 + 15, {@code utime + stime}: CPU time spent so far, in clock ticks
   * @param startTicks field 22, {@code starttime}: when the process started, in clock ticks after
   *     boot (tells a restarted node's new process from a reused PID)
   */
  public record Stat(char state, long cpuTicks, long startTicks) {
    /**
     * @return whether the process still runs (not a zombie or dead)
     */
    public boolean running() {
      return state != 'Z' && state != 'X' && state != 'x';
    }
  }

  /**
   * One node's process as a snapshot found it.
   *
   * @param pid its process id
   * @param stat its stat line's figures then
   */
  public record Reading(long pid, Stat stat) {}

  /**
   * Every node's process at one moment.
   *
   * @param nodes node name to its process, in the order broker, frontend, catalog-N, order-N; empty
   *     for a node with no (running) process
   */
  public record Snapshot(Map<String, Optional<Reading>> nodes) {}

  /**
   * Parses one {@code /proc/<pid>/stat} line. The command name (field 2) is in parentheses and may
   * itself hold spaces and parentheses, so the fields are counted after the last {@code )}.
   *
   * @param line the file's content
   * @return its state, CPU time and start time
   * @throws IllegalArgumentException when the line is not a stat line
   */
  public static Stat parse(String line) {
    int close = line.lastIndexOf(')');
    if (close < 0) {
      throw new IllegalArgumentException("not a /proc/<pid>/stat line (no command name): " + line);
    }
    String[] fields = line.substring(close + 1).trim().split("\\s+");
    // fields[0] is field 3 (state), so field n is fields[n - 3]
    if (fields.length < 20 || fields[0].length() != 1) {
      throw new IllegalArgumentException("not a /proc/<pid>/stat line (too few fields): " + line);
    }
    try {
      return new Stat(
          fields[0].charAt(0),
          Long.parseLong(fields[11]) + Long.parseLong(fields[12]),
          Long.parseLong(fields[19]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + line, e);
    }
  }

  /**
   * @return every node's process and its CPU time so far, now
   */
  public Snapshot snapshot() {
    Map<String, Optional<Reading>> nodes = new LinkedHashMap<>();
    for (String node : nodes()) {
      nodes.put(node, pid(node).flatMap(pid -> stat(pid).map(stat -> new Reading(pid, stat))));
    }
    return new Snapshot(nodes);
  }

  /**
   * @param before a snapshot taken before the run
   * @return each node's CPU time since then, in ms; not measured for a node whose process did not
   *     run both then and now (the nodes are those of the snapshot and any that appeared since)
   */
  public CpuUsage since(Snapshot before) {
    Map<String, OptionalDouble> ms = new LinkedHashMap<>();
    before
        .nodes()
        .forEach(
            (node, reading) ->
                ms.put(node, reading.map(this::msSince).orElse(OptionalDouble.empty())));
    for (String node : nodes()) {
      ms.putIfAbsent(node, OptionalDouble.empty());
    }
    return new CpuUsage(sorted(ms));
  }

  private OptionalDouble msSince(Reading before) {
    return stat(before.pid())
        .filter(now -> now.startTicks() == before.stat().startTicks())
        .map(
            now ->
                OptionalDouble.of(
                    (now.cpuTicks() - before.stat().cpuTicks()) * 1000.0 / ticksPerSecond))
        .orElse(OptionalDouble.empty());
  }

  /**
   * @return the node directories of the run directory, in the order broker, frontend, catalog-N,
   *     order-N
   */
  private List<String> nodes() {
    if (runDir.isEmpty() || !Files.isDirectory(runDir.get())) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(runDir.get())) {
      return entries
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .filter(name -> NODE.matcher(name).matches())
          .sorted(NODE_ORDER)
          .toList();
    } catch (IOException | UncheckedIOException e) {
      return List.of();
    }
  }

  private static String role(String node) {
    Matcher m = NODE.matcher(node);
    return !m.matches() ? node : m.group(1) != null ? m.group(1) : m.group(2);
  }

  private static int replicaId(String node) {
    Matcher m = NODE.matcher(node);
    return m.matches() && m.group(3) != null ? Integer.parseInt(m.group(3)) : 0;
  }

  private static Map<String, OptionalDouble> sorted(Map<String, OptionalDouble> ms) {
    Map<String, OptionalDouble> sorted = new LinkedHashMap<>();
    ms.keySet().stream().sorted(NODE_ORDER).forEach(node -> sorted.put(node, ms.get(node)));
    return sorted;
  }

  private Optional<Long> pid(String node) {
    try {
      return Optional.of(
          Long.parseLong(
              Files.readString(runDir.orElseThrow().resolve(node).resolve("pid")).strip()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty(); // no PID file (node stopped) or a half-written one
    }
  }

  /**
   * @return the process's stat figures, or empty when it is gone (no such file) or has exited
   */
  private Optional<Stat> stat(long pid) {
    try {
      return Optional.of(
              parse(
                  Files.readString(
                      proc.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.UTF_8)))
          .filter(Stat::running);
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** {@code getconf CLK_TCK}, asked once, when first needed. */
  private static final class Ticks {
    static final long PER_SECOND = ask();

    private static long ask() {
      try {
        Process getconf =
            new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
        String out =
            new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        if (getconf.waitFor(5, TimeUnit.SECONDS) && getconf.exitValue() == 0) {
          long ticks = Long.parseLong(out);
          return ticks > 0 ? ticks : DEFAULT_TICKS_PER_SECOND;
        }
        getconf.destroyForcibly();
        return DEFAULT_TICKS_PER_SECOND;
      } catch (IOException | NumberFormatException e) {
        return DEFAULT_TICKS_PER_SECOND;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return DEFAULT_TICKS_PER_SECOND;
      }
    }
  }
}
