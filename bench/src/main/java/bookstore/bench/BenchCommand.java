package bookstore.bench;

import bookstore.bench.experiment.ClusterWarmUp;
import bookstore.bench.experiment.CourseExperiment;
import bookstore.bench.experiment.EvaluationDocument;
import bookstore.bench.experiment.PeakExperiment;
import bookstore.bench.experiment.Wrk;
import bookstore.bench.load.ItemMix;
import bookstore.bench.report.OutputFiles;
import bookstore.bench.store.ClusterControl;
import bookstore.client.StoreClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bookstore bench}: the load generator, its own program ({@link #main}; {@code ./bookstore
 * bench} runs it). Without {@code --experiment}, one run of the course's session; with {@code
 * --experiment course} or {@code peak}, the evaluation written into {@code docs/EVALUATION.md}.
 * Exit codes: 0 done, 2 usage error, 3 the store is not running.
 */
@Command(
    name = "bookstore bench",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description =
        "Load the store with N concurrent clients: each session looks an item up, then buys it with probability p. "
            + "Prints per operation count, errors, throughput and latency p50/p90/p99/max, then each node's CPU time "
            + "(from /proc, per request too); writes every request to "
            + "requests.csv and plots (PNG) into --out. --experiment course|peak runs the evaluation into docs/EVALUATION.md.")
public final class BenchCommand implements Callable<Integer> {
  /** Exit code when the store does not answer. */
  static final int UNREACHABLE = 3;

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--clients",
      paramLabel = "N",
      defaultValue = "5",
      description = "concurrent clients, one connection each (default ${DEFAULT-VALUE})")
  int clients;

  @Option(
      names = "--duration",
      paramLabel = "TIME",
      converter = DurationConverter.class,
      description = "how long to run, e.g. 30s, 2m (default 30s)")
  Duration duration;

  @Option(
      names = "--requests",
      paramLabel = "N",
      description = "run this many requests in all instead of a duration")
  long requests;

  @Option(
      names = "--buy-probability",
      paramLabel = "P",
      defaultValue = "0.2",
      description = "chance of a buy after each lookup, 0 to 1 (default ${DEFAULT-VALUE})")
  double buyProbability;

  @Option(
      names = "--items",
      paramLabel = "ID",
      split = ",",
      description =
          "item ids the sessions pick from, e.g. 1,2,3 (default: the seven seeded books, 1..7)")
  List<Integer> items;

  @Option(
      names = "--hot-item-share",
      paramLabel = "S",
      defaultValue = "0",
      description = "share of sessions that pick the first of --items, 0 to 1 (default 0: uniform)")
  double hotItemShare;

  @Option(
      names = "--think-time",
      paramLabel = "TIME",
      converter = DurationConverter.class,
      defaultValue = "0ms",
      description = "each client's pause between sessions (default ${DEFAULT-VALUE})")
  Duration thinkTime;

  @Option(
      names = "--cache",
      paramLabel = "on|off",
      arity = "1",
      converter = OnOff.class,
      description =
          "switch the front end's cache for the run and restore it after (default: leave it)")
  Boolean cache;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "where to write the CSV and plots (default bench-results/<timestamp>/)")
  Path out;

  @Option(names = "--no-progress", description = "no progress bar")
  boolean noProgress;

  @Option(
      names = "--experiment",
      paramLabel = "course|peak",
      description = "run the course evaluation or the peak load series into docs/EVALUATION.md")
  Experiment experiment;

  @Option(
      names = "--docs",
      paramLabel = "DIR",
      description = "where EVALUATION.md goes (default $BOOKSTORE_HOME/docs, else ./docs)")
  Path docs;

  @Option(
      names = "--sweep-duration",
      paramLabel = "TIME",
      converter = DurationConverter.class,
      defaultValue = "12s",
      description = "course: each p/cache setting's run (default ${DEFAULT-VALUE})")
  Duration sweepDuration;

  @Option(
      names = "--probabilities",
      paramLabel = "P",
      split = ",",
      defaultValue = "0,0.2,0.4,0.6,0.8",
      description = "course: buy probabilities swept (default ${DEFAULT-VALUE})")
  List<Double> probabilities;

  @Option(
      names = "--probe-rounds",
      paramLabel = "N",
      defaultValue = "100",
      description = "course: writes the invalidation probe makes (default ${DEFAULT-VALUE})")
  int probeRounds;

  @Option(
      names = "--failover-duration",
      paramLabel = "TIME",
      converter = DurationConverter.class,
      defaultValue = "40s",
      description = "course: the failover run (default ${DEFAULT-VALUE})")
  Duration failoverDuration;

  @Option(
      names = "--kill-after",
      paramLabel = "TIME",
      converter = DurationConverter.class,
      defaultValue = "10s",
      description =
          "course: when the failover run kills the catalog primary (default ${DEFAULT-VALUE})")
  Duration killAfter;

  @Option(
      names = "--restart-after",
      paramLabel = "TIME",
      converter = DurationConverter.class,
      defaultValue = "5s",
      description = "course: how long after the kill its restart begins (default ${DEFAULT-VALUE})")
  Duration restartAfter;

  @Option(
      names = "--peak-duration",
      paramLabel = "TIME",
      converter = DurationConverter.class,
      defaultValue = "5s",
      description = "peak: each concurrency level's run (default ${DEFAULT-VALUE})")
  Duration peakDuration;

  @Option(
      names = "--warm-up",
      paramLabel = "TIME",
      converter = DurationConverter.class,
      defaultValue = "20s",
      description =
          "peak: each workload's warm-up run (default ${DEFAULT-VALUE}; the front end's C2 compiler needs some 40 s of cached reads to reach full speed)")
  Duration warmUp;

  @Option(
      names = "--cluster-warm-up",
      paramLabel = "TIME",
      converter = DurationConverter.class,
      defaultValue = "120s",
      description =
          "course and peak: mixed load on the whole cluster before the first measured run (8 clients, p=0.5, cache off): "
              + "fresh nodes keep JIT-compiling for minutes; 0 skips it (default ${DEFAULT-VALUE})")
  Duration clusterWarmUp;

  @Option(
      names = "--connections",
      paramLabel = "N",
      split = ",",
      defaultValue = "1,4,16,64",
      description = "peak: concurrency levels (default ${DEFAULT-VALUE})")
  List<Integer> connections;

  @Option(
      names = "--url",
      description = "front end base URL (default: $BOOKSTORE_URL or http://127.0.0.1:8080)")
  String url;

  /** The experiments {@code --experiment} runs. */
  enum Experiment {
    course,
    peak
  }

  /** Reads {@code on}/{@code off} (or true/false). */
  static final class OnOff implements CommandLine.ITypeConverter<Boolean> {
    @Override
    public Boolean convert(String value) {
      return switch (value.toLowerCase(java.util.Locale.ROOT)) {
        case "on", "true" -> true;
        case "off", "false" -> false;
        default ->
            throw new CommandLine.TypeConversionException("'" + value + "' is not on or off");
      };
    }
  }

  /**
   * Runs the bench and exits with its exit code (0 done, 2 usage error, 3 the store is not
   * running).
   *
   * @param args the options, as {@code --help} lists them; none runs the default session
   */
  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchCommand()).execute(args));
  }

  /**
   * @return the front end's base URL: {@code --url}, else {@code $BOOKSTORE_URL}, else {@code
   *     http://127.0.0.1:8080}
   */
  public URI baseUrl() {
    return StoreClient.baseUrl(url);
  }

  /**
   * Runs what the options ask for; picocli calls it.
   *
   * @return the exit code: 0 done, 3 the store is not running ({@link #UNREACHABLE})
   * @throws CommandLine.ParameterException when both {@code --duration} and {@code --requests} are
   *     given
   */
  @Override
  public Integer call() {
    if (duration != null && requests > 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "give --duration or --requests, not both");
    }
    BenchPlan plan =
        new BenchPlan(
            clients,
            duration == null ? Duration.ofSeconds(30) : duration,
            requests,
            buyProbability,
            new ItemMix(items == null ? ItemMix.SEEDED_BOOKS.items() : items, hotItemShare),
            thinkTime,
            cache);
    Benchmark bench = new Benchmark(baseUrl(), System.out, noProgress ? null : System.err);
    try {
      bench.admin().cacheState();
    } catch (IllegalStateException e) {
      System.err.println(
          "bookstore: the store is not running at " + baseUrl() + " (" + e.getMessage() + ")");
      return UNREACHABLE;
    }
    Path dir = out != null ? out : OutputFiles.timestamped("bench-results");
    if (experiment == null) {
      bench.run(plan, dir);
      return 0;
    }
    EvaluationDocument doc = new EvaluationDocument(docsDir());
    ClusterWarmUp warmUpCluster = new ClusterWarmUp(clusterWarmUp, plan.items());
    switch (experiment) {
      case course ->
          new CourseExperiment(
                  bench,
                  new CourseExperiment.Settings(
                      plan,
                      sweepDuration,
                      probabilities,
                      probeRounds,
                      failoverDuration,
                      killAfter,
                      restartAfter,
                      warmUpCluster),
                  ClusterControl.fromEnvironment())
              .run(dir.resolve("course"), doc);
      case peak ->
          new PeakExperiment(bench, connections, peakDuration, warmUp, warmUpCluster, Wrk.onPath())
              .run(dir.resolve("peak"), doc);
    }
    return 0;
  }

  private Path docsDir() {
    if (docs != null) {
      return docs;
    }
    String home = System.getenv("BOOKSTORE_HOME");
    return home == null || home.isBlank() ? Path.of("docs") : Path.of(home, "docs");
  }
}
