package bookstore.bench.experiment;

import static bookstore.bench.experiment.FakeWrk.CACHED_LOOKUPS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading wrk's output, and running a stand-in {@code wrk} script ({@link FakeWrk}). */
class WrkTest {
  /** wrk 4.1.0 against an unknown item: every answer a 404. */
  static final String NOT_FOUND =
      """
      Running 1s test @ http://127.0.0.1:8080/api/books/999999
        1 threads and 1 connections
        Thread Stats   Avg      Stdev     Max   +/- Stdev
          Latency     5.59ms    3.05ms  22.62ms   87.13%
          Req/Sec   187.20     33.95   230.00     60.00%
        Latency Distribution
           50%    4.48ms
           75%    6.01ms
           90%    9.35ms
           99%   17.25ms
        188 requests in 1.01s, 40.02KB read
        Non-2xx or 3xx responses: 188
      Requests/sec:    186.44
      Transfer/sec:     39.69KB
      """;

  /**
   * The layout of wrk.c's summary with sub-millisecond and second latencies, some errors and
   * timeouts.
   */
  static final String MIXED =
      """
      Running 5s test @ http://127.0.0.1:8080/api/books/1
        2 threads and 64 connections
        Thread Stats   Avg      Stdev     Max   +/- Stdev
          Latency   812.40us    1.10ms    1.92s    97.01%
          Req/Sec     6.02k   510.12     7.10k    70.00%
        Latency Distribution
           50%  654.00us
           75%  901.00us
           90%    1.30ms
           99%    1.50s
        60000 requests in 5.01s, 15.46MB read
        Socket errors: connect 0, read 2, write 0, timeout 5
        Non-2xx or 3xx responses: 600
      Requests/sec:  11976.05
      Transfer/sec:      3.09MB
      """;

  @TempDir Path dir;

  @Test
  void readsRateAndLatencyOfACapturedRun() throws IOException {
    Wrk.Result r = Wrk.parse(CACHED_LOOKUPS);
    assertEquals(6654.69, r.requestsPerSecond(), 1e-9);
    assertEquals(20647, r.requests());
    assertEquals(1.79, r.p50Ms(), 1e-9);
    assertEquals(7.97, r.p90Ms(), 1e-9);
    assertEquals(24.25, r.p99Ms(), 1e-9);
    assertEquals(53.67, r.maxMs(), 1e-9);
    assertEquals(0, r.errors(), "no error lines: no errors");
    assertEquals(6654.69, r.okPerSecond(), 1e-9);
  }

  @Test
  void countsErrorStatusesAndSocketErrorsAndTheUnitsOfLatency() throws IOException {
    Wrk.Result notFound = Wrk.parse(NOT_FOUND);
    assertEquals(188, notFound.errors());
    assertEquals(0, notFound.okPerSecond(), 1e-9, "no answer was a success");

    Wrk.Result mixed = Wrk.parse(MIXED);
    assertEquals(0.654, mixed.p50Ms(), 1e-9);
    assertEquals(1.3, mixed.p90Ms(), 1e-9);
    assertEquals(1_500, mixed.p99Ms(), 1e-9);
    assertEquals(1_920, mixed.maxMs(), 1e-9);
    assertEquals(600, mixed.non2xx3xx());
    assertEquals(7, mixed.socketErrors());
    assertEquals(607, mixed.errors());
    assertEquals(11976.05 * 0.99, mixed.okPerSecond(), 1e-6);
  }

  @Test
  void outputWithoutFiguresIsAnError() {
    assertThrows(
        IOException.class,
        () -> Wrk.parse("unable to connect to 127.0.0.1:8080 Connection refused\n"));
    assertThrows(
        IOException.class,
        () -> Wrk.parse(CACHED_LOOKUPS.replaceAll("(?m)^\\s+99%.*\\n", "")),
        "no 99%");
  }

  @Test
  void theCommandLineTakesWholeSecondsAndNoMoreThreadsThanConnections() {
    Wrk wrk = new Wrk(Path.of("/usr/bin/wrk"));
    URI url = URI.create("http://127.0.0.1:8080/api/books/1");
    assertEquals(
        List.of(
            "/usr/bin/wrk",
            "-t2",
            "-c16",
            "-d5s",
            "--latency",
            "http://127.0.0.1:8080/api/books/1"),
        wrk.command(16, Duration.ofSeconds(5), url));
    assertEquals(
        "-t1",
        wrk.command(1, Duration.ofSeconds(5), url).get(1),
        "wrk refuses more threads than connections");
    assertEquals("-d2s", wrk.command(4, Duration.ofMillis(1_200), url).get(3));
    assertEquals("-d1s", wrk.command(4, Duration.ofMillis(200), url).get(3));
  }

  @Test
  void aScriptGoesOnTheCommandLineBeforeTheUrl() {
    Wrk wrk = new Wrk(Path.of("/usr/bin/wrk"));
    URI url = URI.create("http://127.0.0.1:8080/api/orders");
    assertEquals(
        List.of(
            "/usr/bin/wrk",
            "-t2",
            "-c4",
            "-d5s",
            "-s",
            "/tmp/buy.lua",
            "--latency",
            "http://127.0.0.1:8080/api/orders"),
        wrk.command(4, Duration.ofSeconds(5), url, Path.of("/tmp/buy.lua")));
  }

  @Test
  void theBuyScriptPostsOneUnitOfEachItemInTurnWithAKeyOfItsOwn() {
    String lua = Wrk.buyScript(List.of(3, 5, 8), "c0ffee42");
    assertTrue(lua.contains("local items = {3, 5, 8}\n"), lua);
    assertTrue(
        lua.contains("local item = items[(count - 1) % #items + 1]"),
        "cycles over the items:\n" + lua);
    assertTrue(
        lua.contains(
            "wrk.format(\"POST\", \"/api/orders\", headers, '{\"itemId\":' .. item .. ',\"quantity\":1}')"),
        lua);
    assertTrue(lua.contains("headers[\"Content-Type\"] = \"application/json\""), lua);
    // unique: the run's token, the wrk thread's number (one per thread, from setup) and the
    // thread's count
    assertTrue(lua.contains("local run = \"c0ffee42\""), lua);
    assertTrue(lua.contains("thread:set(\"thread_number\", threads)"), lua);
    assertTrue(
        lua.contains(
            "headers[\"Idempotency-Key\"] = \"wrk-\" .. run .. \"-\" .. thread_number .. \"-\" .. count"),
        lua);
    assertTrue(lua.contains("count = count + 1"), lua);

    assertNotEquals(
        Wrk.buyScript(List.of(1)),
        Wrk.buyScript(List.of(1)),
        "each script draws its own token: two runs never share a key");
    assertThrows(IllegalArgumentException.class, () -> Wrk.buyScript(List.of()));
    assertThrows(IllegalArgumentException.class, () -> Wrk.buyScript(List.of(1), "a\"b"));
  }

  @Test
  void aScriptIsWrittenToATemporaryFileForTheRunOnly() throws IOException {
    Path args = dir.resolve("args.txt");
    Path copy = dir.resolve("script-as-run.lua");
    Path script = FakeWrk.recording(dir, args, copy, CACHED_LOOKUPS);
    String lua = Wrk.buyScript(List.of(1, 2));
    Wrk.Result r =
        new Wrk(script)
            .run(2, Duration.ofSeconds(1), URI.create("http://127.0.0.1:8080/api/orders"), lua);
    assertEquals(20647, r.requests());
    assertEquals(lua, Files.readString(copy), "wrk ran the script");
    String[] line = Files.readString(args).strip().split(" ");
    assertEquals("-s", line[3]);
    assertTrue(line[4].endsWith(".lua"), line[4]);
    assertFalse(Files.exists(Path.of(line[4])), "the temporary script is gone after the run");
    assertEquals("http://127.0.0.1:8080/api/orders", line[line.length - 1]);
  }

  @Test
  void runsTheProgramAndReadsWhatItPrinted() throws IOException {
    Path args = dir.resolve("args.txt");
    Path script = FakeWrk.recording(dir, args, dir.resolve("no-script.lua"), CACHED_LOOKUPS);
    Wrk.Result r =
        new Wrk(script)
            .run(16, Duration.ofSeconds(1), URI.create("http://127.0.0.1:8080/api/books/1"));
    assertEquals(6654.69, r.requestsPerSecond(), 1e-9);
    assertEquals(
        "-t2 -c16 -d1s --latency http://127.0.0.1:8080/api/books/1",
        Files.readString(args).strip());
  }

  @Test
  void aFailingRunSaysWhatWrkPrinted() throws IOException {
    Path script =
        FakeWrk.script(
            dir, "echo 'unable to connect to 127.0.0.1:1 Connection refused' >&2\nexit 1\n");
    IOException e =
        assertThrows(
            IOException.class,
            () -> new Wrk(script).run(1, Duration.ofSeconds(1), URI.create("http://127.0.0.1:1/")));
    assertTrue(e.getMessage().contains("Connection refused"), e.getMessage());
  }

  @Test
  void anOverrunningRunIsStopped() throws IOException {
    Path script = FakeWrk.script(dir, "exec sleep 60\n");
    long start = System.nanoTime();
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                new Wrk(script, Duration.ofMillis(300))
                    .run(1, Duration.ofSeconds(1), URI.create("http://127.0.0.1:1/")));
    assertTrue(e.getMessage().contains("did not finish"), e.getMessage());
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "stopped, not waited for");
  }
}
