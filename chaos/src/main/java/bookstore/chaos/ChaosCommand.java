package bookstore.chaos;

import bookstore.bench.DurationConverter;
import bookstore.bench.report.OutputFiles;
import bookstore.bench.store.ClusterControl;
import bookstore.bench.store.StoreAdmin;
import bookstore.chaos.ChaosRun.Result;
import bookstore.chaos.history.Fault;
import bookstore.chaos.nemesis.Nemesis;
import bookstore.chaos.report.HistoryCsv;
import bookstore.chaos.report.TimelinePlot;
import bookstore.chaos.report.VerdictReport;
import bookstore.client.StoreClient;
import bookstore.client.StoreHttp;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bookstore chaos}: breaks the running store on purpose while clients buy and look up, then
 * checks the history and every replica and gives a verdict. Its own program ({@link #main}; {@code
 * ./bookstore chaos} runs it with the store's environment: {@code BOOKSTORE_HOME}, {@code
 * BOOKSTORE_RUN_DIR}, the admin password and cluster secret, {@code BOOKSTORE_NETNS}). Exit codes:
 * 0 every check holds, 1 a check does not hold (or a fault did not heal), 2 usage error, 3 the
 * store is not running.
 */
@Command(
    name = "bookstore chaos",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description =
        "Run clients (lookups, and buys with idempotency keys) against the running store and inject one fault "
            + "every interval, each healed before the next: kill -9 of a replica or a primary, a freeze (SIGSTOP), "
            + "a partition (with BOOKSTORE_NETNS), the live broker's death. Then check the history against every "
            + "replica: nothing acknowledged lost, nothing invented, unique order numbers, stock conserved and never "
            + "negative, replicas converged, client-visible errors. Writes history.csv, faults.csv, timeline.png "
            + "and verdict.md into --out. Exit status 0 only when every check holds.")
public final class ChaosCommand implements Callable<Integer> {
  /** Exit code when a check does not hold, or a fault did not heal. */
  static final int DOES_NOT_HOLD = 1;

  /** Exit code when the store does not answer. */
  static final int UNREACHABLE = 3;

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--duration",
      paramLabel = "TIME",
      converter = DurationConverter.class,
      defaultValue = "5m",
      description = "how long the clients run, e.g. 60s, 5m (default ${DEFAULT-VALUE})")
  Duration duration;

  @Option(
      names = "--clients",
      paramLabel = "N",
      defaultValue = "8",
      description = "concurrent clients (default ${DEFAULT-VALUE})")
  int clients;

  @Option(
      names = "--faults",
      paramLabel = "KIND",
      split = ",",
      description =
          "faults to inject, in turn (each round in a seeded order): kill, freeze, partition, broker "
              + "(default: kill,freeze,broker, and partition when BOOKSTORE_NETNS is set)")
  List<String> faults;

  @Option(
      names = "--interval",
      paramLabel = "TIME",
      converter = DurationConverter.class,
      defaultValue = "20s",
      description =
          "one fault every TIME, or as soon as the last one has healed if that takes longer (default ${DEFAULT-VALUE})")
  Duration interval;

  @Option(
      names = "--fault-length",
      paramLabel = "TIME",
      converter = DurationConverter.class,
      defaultValue = "6s",
      description =
          "how long each fault lasts before it is healed: a node down, frozen or cut off (default ${DEFAULT-VALUE}: six heartbeat intervals)")
  Duration faultLength;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description =
          "seed of every choice (which fault, which node, what the clients ask): a seed repeats a run's choices (default: random, printed)")
  Long seed;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "where the results go (default chaos-results/<timestamp>/)")
  Path out;

  @Option(
      names = "--url",
      description = "front end base URL (default: $BOOKSTORE_URL or http://127.0.0.1:8080)")
  String url;

  /**
   * Runs the chaos command and exits with its exit code.
   *
   * @param args the options, as {@code --help} lists them
   */
  public static void main(String[] args) {
    System.exit(new CommandLine(new ChaosCommand()).execute(args));
  }

  /**
   * Runs what the options ask for; picocli calls it.
   *
   * @return the exit code: 0 every check holds, 1 not, 3 the store is not running
   * @throws CommandLine.ParameterException for an unknown fault, a partition without network
   *     namespaces, or no {@code ./bookstore} to inject faults with
   */
  @Override
  public Integer call() {
    List<Fault.Kind> kinds = kinds();
    ClusterControl control =
        ClusterControl.fromEnvironment()
            .orElseThrow(
                () ->
                    new CommandLine.ParameterException(
                        spec.commandLine(),
                        "BOOKSTORE_HOME does not name the store's checkout: run it as ./bookstore chaos"));
    URI base = StoreClient.baseUrl(url);
    StoreHttp http = new StoreHttp(base);
    try {
      new StoreAdmin(http).cacheState();
    } catch (IllegalStateException e) {
      System.err.println(
          "bookstore: the store is not running at " + base + " (" + e.getMessage() + ")");
      return UNREACHABLE;
    }
    long runSeed = seed != null ? seed : ThreadLocalRandom.current().nextLong(1, 1_000_000);
    VerdictReport.Settings settings =
        new VerdictReport.Settings(duration, clients, kinds, interval, faultLength, runSeed);
    Path dir = OutputFiles.directory(out != null ? out : OutputFiles.timestamped("chaos-results"));
    System.out.printf(
        "chaos: %d clients for %d s against %s; faults %s, one every %d s, each lasting %d s; seed %d%n",
        clients,
        duration.toSeconds(),
        base,
        kinds.stream().map(k -> k.name().toLowerCase(Locale.ROOT)).toList(),
        interval.toSeconds(),
        faultLength.toSeconds(),
        runSeed);
    Nemesis nemesis = new Nemesis(control, http, kinds, faultLength, runSeed);
    Result result =
        new ChaosRun(http, System.getenv("BOOKSTORE_CLUSTER_SECRET"), System.out)
            .run(settings, nemesis);
    HistoryCsv.write(result.history(), dir.resolve("history.csv"));
    HistoryCsv.writeFaults(result.history(), result.timings(), dir.resolve("faults.csv"));
    TimelinePlot.write(result.history(), dir.resolve("timeline.png"));
    OutputFiles.write(
        dir.resolve("verdict.md"),
        VerdictReport.markdown(settings, result.history(), result.verdict(), result.timings()));
    System.out.println();
    System.out.print(VerdictReport.table(result.verdict()));
    System.out.println();
    if (!result.verdict().holds()) {
      System.out.print(result.verdict().violations());
    }
    boolean holds = result.verdict().holds();
    System.out.println(
        (holds ? "verdict: holds" : "verdict: does not hold") + "; results in " + dir);
    return holds ? 0 : DOES_NOT_HOLD;
  }

  private List<Fault.Kind> kinds() {
    boolean namespaces =
        Optional.ofNullable(System.getenv("BOOKSTORE_NETNS")).filter(s -> !s.isBlank()).isPresent();
    List<String> names =
        faults != null
            ? faults
            : namespaces
                ? List.of("kill", "freeze", "partition", "broker")
                : List.of("kill", "freeze", "broker");
    List<Fault.Kind> kinds = new ArrayList<>();
    for (String name : names) {
      Fault.Kind kind;
      try {
        kind = Fault.Kind.valueOf(name.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException unknown) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "unknown fault '" + name + "': kill, freeze, partition or broker");
      }
      if (kind == Fault.Kind.PARTITION && !namespaces) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "a partition needs the nodes in network namespaces: start the store with BOOKSTORE_NETNS set (see README)");
      }
      if (!kinds.contains(kind)) {
        kinds.add(kind);
      }
    }
    if (kinds.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--faults names no fault");
    }
    return kinds;
  }
}
