package bookstore.bench.experiment;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The HTTP load generator <a href="https://github.com/wg/wrk">wrk</a> (a C program), run as a
 * cross-check of the JVM load generator: on the 2-core machine the JVM generator's own CPU use
 * limits what it can measure, wrk needs far less. Runs {@code wrk -t2 -cN -dD [-s SCRIPT] --latency
 * URL} and reads its summary (wrk 4.x). A GET of the URL needs no script; buys are sent by a Lua
 * script ({@link #buyScript(List)}).
 */
public final class Wrk {
  /** How long a run may take beyond its duration before it is stopped. */
  static final Duration GRACE = Duration.ofSeconds(30);

  private static final Pattern REQUESTS_PER_SECOND =
      Pattern.compile("(?m)^Requests/sec:\\s+([0-9.]+)");
  private static final Pattern REQUESTS =
      Pattern.compile("(?m)^\\s*(\\d+) requests in ([0-9.]+\\w+)");
  private static final Pattern LATENCY_STATS =
      Pattern.compile("(?m)^[ \\t]*Latency[ \\t]+(\\S+)[ \\t]+(\\S+)[ \\t]+(\\S+)[ \\t]+\\S+");
  private static final Pattern NON_2XX =
      Pattern.compile("(?m)^\\s*Non-2xx or 3xx responses:\\s+(\\d+)");
  private static final Pattern SOCKET_ERRORS =
      Pattern.compile(
          "(?m)^\\s*Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
  private static final Pattern TIME = Pattern.compile("([0-9.]+)(us|ms|s|m|h)");

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path executable;
  private final Duration grace;

  /**
   * @param executable the {@code wrk} program
   */
  public Wrk(Path executable) {
    this(executable, GRACE);
  }

  Wrk(Path executable, Duration grace) {
    this.executable = executable;
    this.grace = grace;
  }

  /**
   * @return wrk as found on the {@code PATH} (an executable file named {@code wrk}), if it is there
   */
  public static Optional<Wrk> onPath() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, "wrk");
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(new Wrk(candidate));
      }
    }
    return Optional.empty();
  }

  /**
   * @return the program run
   */
  public Path executable() {
    return executable;
  }

  /**
   * What one wrk run reported.
   *
   * @param requestsPerSecond "Requests/sec": every answer, of any status, per second
   * @param requests answers in all, or -1 when the output does not say
   * @param p50Ms median latency, in ms
   * @param p90Ms 90th percentile, in ms (NaN when the output does not say)
   * @param p99Ms 99th percentile, in ms
   * @param maxMs longest request, in ms (NaN when the output does not say)
   * @param non2xx3xx answers with a status other than 2xx or 3xx ("Non-2xx or 3xx responses", 0
   *     when absent)
   * @param socketErrors connect, read, write errors and timeouts ("Socket errors", 0 when absent)
   */
  public record Result(
      double requestsPerSecond,
      long requests,
      double p50Ms,
      double p90Ms,
      double p99Ms,
      double maxMs,
      long non2xx3xx,
      long socketErrors) {
    /**
     * @return failed requests: error statuses and socket errors
     */
    public long errors() {
      return non2xx3xx + socketErrors;
    }

    /**
     * @return answers with a 2xx or 3xx status per second (all of "Requests/sec" when the count is
     *     unknown)
     */
    public double okPerSecond() {
      return requests > 0
          ? requestsPerSecond * Math.max(0, requests - non2xx3xx) / requests
          : requestsPerSecond;
    }
  }

  /**
   * @param connections concurrent connections, at least 1 (threads: 2, or 1 for one connection)
   * @param duration how long (wrk takes whole seconds: rounded up, at least 1 s)
   * @param url what every connection requests, back to back
   * @return the command line
   */
  List<String> command(int connections, Duration duration, URI url) {
    return command(connections, duration, url, null);
  }

  /**
   * @param connections concurrent connections, at least 1 (threads: 2, or 1 for one connection)
   * @param duration how long (wrk takes whole seconds: rounded up, at least 1 s)
   * @param url the server, and what every connection requests unless the script says otherwise
   * @param script the Lua script wrk runs ({@code -s}), or null for none
   * @return the command line
   */
  List<String> command(int connections, Duration duration, URI url, Path script) {
    List<String> command =
        new ArrayList<>(
            List.of(
                executable.toString(),
                "-t" + Math.min(2, connections),
                "-c" + connections,
                "-d" + seconds(duration) + "s"));
    if (script != null) {
      command.addAll(List.of("-s", script.toString()));
    }
    command.addAll(List.of("--latency", url.toString()));
    return List.copyOf(command);
  }

  /**
   * A wrk Lua script that buys: every request is {@code POST /api/orders} with {@code Content-Type:
   * application/json}, body {@code {"itemId":N,"quantity":1}}, N the given items in turn, and an
   * {@code Idempotency-Key} no other request uses: {@code wrk-<run>-<thread>-<count>}, of a random
   * token drawn here for the script (so no two scripts, e.g. of two concurrency levels, share
   * keys), the wrk thread's number (set by {@code setup}, one per thread) and the thread's request
   * count. A repeated key would answer the first order again instead of buying.
   *
   * @param itemIds the items to buy, at least one
   * @return the script's text
   */
  public static String buyScript(List<Integer> itemIds) {
    byte[] token = new byte[8];
    RANDOM.nextBytes(token);
    return buyScript(itemIds, HexFormat.of().formatHex(token));
  }

  /**
   * @param itemIds the items to buy, at least one
   * @param runToken a token of letters and digits unique to this script
   * @return the script's text
   * @see #buyScript(List)
   */
  static String buyScript(List<Integer> itemIds, String runToken) {
    if (itemIds.isEmpty()) {
      throw new IllegalArgumentException("the buy script needs at least one item");
    }
    if (!runToken.matches("[A-Za-z0-9]+")) {
      throw new IllegalArgumentException("the run token must be letters and digits: " + runToken);
    }
    String items = itemIds.stream().map(String::valueOf).collect(Collectors.joining(", "));
    return """
        -- written by ./bookstore bench: buys, one unit of each item in turn, each request with an
        -- Idempotency-Key of its own (run token, wrk thread, request count)
        local items = {%s}
        local run = "%s"
        local threads = 0
        local count = 0

        -- runs in wrk's main Lua state, once per thread: number the threads 1, 2, ...
        function setup(thread)
          threads = threads + 1
          thread:set("thread_number", threads)
        end

        -- runs in each thread's own Lua state, for every request
        function request()
          count = count + 1
          local item = items[(count - 1) %% #items + 1]
          local headers = {}
          headers["Content-Type"] = "application/json"
          headers["Idempotency-Key"] = "wrk-" .. run .. "-" .. thread_number .. "-" .. count
          return wrk.format("POST", "/api/orders", headers, '{"itemId":' .. item .. ',"quantity":1}')
        end
        """
        .formatted(items, runToken);
  }

  /**
   * @param duration a run's length
   * @return it in whole seconds, as wrk takes it: rounded up, at least 1
   */
  static long seconds(Duration duration) {
    return Math.max(1, (duration.toMillis() + 999) / 1000);
  }

  /**
   * Runs wrk and waits for it, at most the duration and {@link #GRACE} more; an overrunning wrk is
   * stopped.
   *
   * @param connections concurrent connections, at least 1
   * @param duration how long to run
   * @param url what to request
   * @return its figures
   * @throws IOException when wrk cannot start, fails, overruns, or prints no figures
   */
  public Result run(int connections, Duration duration, URI url) throws IOException {
    return run(connections, duration, url, null);
  }

  /**
   * Runs wrk with a Lua script, written to a temporary file for the run, and waits for it as {@link
   * #run(int, Duration, URI)} does.
   *
   * @param connections concurrent connections, at least 1
   * @param duration how long to run
   * @param url the server (the script may request other paths on it)
   * @param luaScript the script's text, e.g. {@link #buyScript(List)}, or null for none
   * @return its figures
   * @throws IOException when wrk cannot start, fails, overruns, or prints no figures
   */
  public Result run(int connections, Duration duration, URI url, String luaScript)
      throws IOException {
    Path script =
        luaScript == null
            ? null
            : Files.writeString(
                Files.createTempFile("wrk", ".lua"), luaScript, StandardCharsets.UTF_8);
    try {
      return run(command(connections, duration, url, script), duration);
    } finally {
      if (script != null) {
        Files.deleteIfExists(script);
      }
    }
  }

  private Result run(List<String> command, Duration duration) throws IOException {
    Path output = Files.createTempFile("wrk", ".txt");
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      long seconds = seconds(duration);
      boolean done;
      try {
        done =
            process.waitFor(
                TimeUnit.SECONDS.toMillis(seconds) + grace.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        done = false;
      }
      if (!done) {
        stop(process);
        throw new IOException(
            String.join(" ", command)
                + " did not finish within "
                + (seconds + grace.toSeconds())
                + " s; stopped");
      }
      String text = Files.readString(output, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new IOException(
            String.join(" ", command)
                + " failed (exit "
                + process.exitValue()
                + "): "
                + text.strip());
      }
      return parse(text);
    } finally {
      Files.deleteIfExists(output);
    }
  }

  /**
   * @param output what {@code wrk --latency} printed
   * @return its figures
   * @throws IOException when it holds no "Requests/sec" or no 50% and 99% latency
   */
  static Result parse(String output) throws IOException {
    Matcher rate = REQUESTS_PER_SECOND.matcher(output);
    OptionalDouble p50 = percentile(output, "50");
    OptionalDouble p99 = percentile(output, "99");
    if (!rate.find() || p50.isEmpty() || p99.isEmpty()) {
      throw new IOException(
          "no Requests/sec and latency distribution in wrk's output:\n" + output.strip());
    }
    Matcher requests = REQUESTS.matcher(output);
    Matcher stats = LATENCY_STATS.matcher(output);
    Matcher non2xx = NON_2XX.matcher(output);
    Matcher socket = SOCKET_ERRORS.matcher(output);
    long socketErrors = 0;
    if (socket.find()) {
      for (int g = 1; g <= 4; g++) {
        socketErrors += Long.parseLong(socket.group(g));
      }
    }
    return new Result(
        Double.parseDouble(rate.group(1)),
        requests.find() ? Long.parseLong(requests.group(1)) : -1,
        p50.getAsDouble(),
        percentile(output, "90").orElse(Double.NaN),
        p99.getAsDouble(),
        stats.find() ? millis(stats.group(3)).orElse(Double.NaN) : Double.NaN,
        non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0,
        socketErrors);
  }

  private static OptionalDouble percentile(String output, String percent) {
    Matcher m =
        Pattern.compile("(?m)^[ \\t]*" + percent + "(?:\\.0+)?%[ \\t]+(\\S+)").matcher(output);
    return m.find() ? millis(m.group(1)) : OptionalDouble.empty();
  }

  /**
   * @param time as wrk prints it, e.g. {@code 654.21us}, {@code 1.21ms}, {@code 2.00s}, {@code
   *     1.50m}
   * @return it in ms
   */
  static OptionalDouble millis(String time) {
    Matcher m = TIME.matcher(time);
    if (!m.matches()) {
      return OptionalDouble.empty();
    }
    double value = Double.parseDouble(m.group(1));
    return OptionalDouble.of(
        switch (m.group(2)) {
          case "us" -> value / 1_000;
          case "ms" -> value;
          case "s" -> value * 1_000;
          case "m" -> value * 60_000;
          default -> value * 3_600_000;
        });
  }

  private static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
