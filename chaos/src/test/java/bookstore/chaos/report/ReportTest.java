package bookstore.chaos.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bookstore.api.Order;
import bookstore.chaos.check.Check;
import bookstore.chaos.check.FaultTiming;
import bookstore.chaos.check.Verdict;
import bookstore.chaos.history.Fault;
import bookstore.chaos.history.History;
import bookstore.chaos.history.Operation;
import bookstore.chaos.history.Operation.Outcome;
import bookstore.chaos.history.Operation.Type;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's files and text, from a small history made by hand. Nothing runs. */
class ReportTest {
  private static final long START = 1_000_000_000L;
  private static final long S = 1_000_000_000L;
  private static final long MS = 1_000_000L;

  private static final Fault KILL =
      new Fault(Fault.Kind.KILL, "catalog-3", true, START + 2 * S, START + 5 * S);
  private static final Fault FREEZE =
      new Fault(Fault.Kind.FREEZE, "order-2", false, START + 7 * S, START + 9 * S);

  private static final String COMMA_DETAIL = "503: no primary, try again";

  @TempDir Path dir;

  /** Seven operations, completed in this order: every type and outcome. */
  private static History history() {
    List<Operation> ops =
        List.of(
            buy(0, "k-1", 1 * S, 12, Outcome.OK, 201, new Order(17, 5, 1, BigDecimal.TEN), null),
            lookup(1, 1 * S + 100 * MS, 3, Outcome.OK, 200, 41, null),
            buy(0, "k-2", 2 * S + 10 * MS, 1300, Outcome.UNKNOWN, 503, null, COMMA_DETAIL),
            buy(1, "k-3", 3 * S, 900, Outcome.UNKNOWN, 0, null, "timeout \"after\" 1 s"),
            buy(0, "k-4", 4 * S, 20, Outcome.FAIL, 409, null, "out of stock"),
            lookup(1, 6 * S, 2, Outcome.OK, 200, 0, null),
            lookup(0, 8 * S, 50, Outcome.UNKNOWN, 0, -1, "connection refused"));
    return new History(START, START + 10 * S, List.of(5), 100, ops, List.of(KILL, FREEZE));
  }

  private static Operation buy(
      int client,
      String key,
      long invokedAfterStart,
      long latencyMs,
      Outcome outcome,
      int status,
      Order order,
      String detail) {
    long invoked = START + invokedAfterStart;
    return new Operation(
        Type.BUY,
        client,
        5,
        1,
        key,
        invoked,
        invoked + latencyMs * MS,
        outcome,
        status,
        order,
        -1,
        detail);
  }

  private static Operation lookup(
      int client,
      long invokedAfterStart,
      long latencyMs,
      Outcome outcome,
      int status,
      int stockSeen,
      String detail) {
    long invoked = START + invokedAfterStart;
    return new Operation(
        Type.LOOKUP,
        client,
        5,
        0,
        null,
        invoked,
        invoked + latencyMs * MS,
        outcome,
        status,
        null,
        stockSeen,
        detail);
  }

  private static List<FaultTiming> timings(History history) {
    return history.faults().stream().map(f -> FaultTiming.of(f, history.operations())).toList();
  }

  private static Verdict verdictWithOneFailure() {
    return new Verdict(
        List.of(
            new Check(
                "no acknowledged order lost",
                true,
                "1 acknowledged order on 3 replicas",
                List.of()),
            new Check(
                "no client-visible error",
                false,
                "3 of 7 operations without an answer or with a 5xx",
                List.of(
                    "buy k-2 at 2.010 s: 503",
                    "buy k-3 at 3.000 s: no answer",
                    "lookup at 8.000 s: no answer")),
            new Check("replicas converged", true, "3 catalog and 3 order replicas", List.of())));
  }

  @Test
  void historyCsvHasAHeaderAndOneRowPerOperationInCompletionOrder() throws Exception {
    History history = history();
    Path csv = dir.resolve("history.csv");
    HistoryCsv.write(history, csv);
    List<String> lines = Files.readAllLines(csv);
    assertEquals(
        "invoked_s,completed_s,latency_ms,client,type,item,quantity,idempotency_key,outcome,"
            + "status,order_number,stock_seen,detail",
        lines.get(0));
    assertEquals(1 + history.operations().size(), lines.size());
    assertEquals("1.000,1.012,12.0,0,buy,5,1,k-1,ok,201,17,,", lines.get(1));
    assertEquals("1.100,1.103,3.0,1,lookup,5,0,,ok,200,,41,", lines.get(2));
  }

  @Test
  void historyCsvQuotesADetailWithACommaAndLeavesAnAbsentOrderNumberEmpty() throws Exception {
    Path csv = dir.resolve("history.csv");
    HistoryCsv.write(history(), csv);
    List<String> lines = Files.readAllLines(csv);
    assertEquals(
        "2.010,3.310,1300.0,0,buy,5,1,k-2,unknown,503,,,\"" + COMMA_DETAIL + "\"", lines.get(3));
    assertEquals(
        "3.000,3.900,900.0,1,buy,5,1,k-3,unknown,0,,,\"timeout \"\"after\"\" 1 s\"", lines.get(4));
    assertEquals("4.000,4.020,20.0,0,buy,5,1,k-4,fail,409,,,out of stock", lines.get(5));
    assertEquals("8.000,8.050,50.0,0,lookup,5,0,,unknown,0,,,connection refused", lines.get(7));
  }

  @Test
  void faultsCsvHasOneRowPerFaultWithItsTiming() throws Exception {
    History history = history();
    Path csv = dir.resolve("faults.csv");
    HistoryCsv.writeFaults(history, timings(history), csv);
    List<String> lines = Files.readAllLines(csv);
    assertEquals(
        List.of(
            "injected_s,healed_s,kind,node,primary,first_write_s,slowest_s",
            "2.000,5.000,kill,catalog-3,true,,1.300",
            "7.000,9.000,freeze,order-2,false,,0.050"),
        lines);
  }

  @Test
  void timelineIsAnEightHundredByFiveHundredPng() throws Exception {
    Path png = dir.resolve("timeline.png");
    TimelinePlot.write(history(), png);
    assertTrue(Files.exists(png));
    byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    try (InputStream in = Files.newInputStream(png)) {
      assertArrayEquals(signature, in.readNBytes(8));
    }
    BufferedImage image = ImageIO.read(png.toFile());
    assertNotNull(image);
    assertEquals(800, image.getWidth());
    assertEquals(500, image.getHeight());
  }

  @Test
  void timelineOfARunWithoutOperationsOrFaultsIsStillAPng() throws Exception {
    Path png = dir.resolve("empty.png");
    TimelinePlot.write(new History(START, START + S, List.of(), 0, List.of(), List.of()), png);
    BufferedImage image = ImageIO.read(png.toFile());
    assertNotNull(image);
    assertEquals(800, image.getWidth());
  }

  @Test
  void timelineOfManyOperationsAndAFaultTwiceOnOneNodeIsStillAPng() throws Exception {
    List<Operation> ops =
        IntStream.range(0, 50_000)
            .mapToObj(
                i -> lookup(i % 8, i * MS, i % 1000 == 0 ? 800 : 2, Outcome.OK, 200, 10, null))
            .toList();
    Fault again = new Fault(Fault.Kind.KILL, "catalog-3", true, START + 20 * S, START + 30 * S);
    Path png = dir.resolve("many.png");
    TimelinePlot.write(
        new History(START, START + 60 * S, List.of(5), 100, ops, List.of(KILL, again)), png);
    assertNotNull(ImageIO.read(png.toFile()));
  }

  @Test
  void markdownSaysTheVerdictDoesNotHoldWithTheFailingRulesSectionAndTheFaultRow() {
    History history = history();
    VerdictReport.Settings settings =
        new VerdictReport.Settings(
            Duration.ofSeconds(10),
            4,
            List.of(Fault.Kind.KILL, Fault.Kind.FREEZE),
            Duration.ofSeconds(5),
            Duration.ofSeconds(3),
            42);
    String md =
        VerdictReport.markdown(settings, history, verdictWithOneFailure(), timings(history));
    assertTrue(md.startsWith("# Chaos run: the verdict does not hold\n"), md);
    assertTrue(md.contains("seed 42"), md);
    assertTrue(
        md.contains(
            "7 operations: 1 buys acknowledged, 1 buys refused, 3 lookups, "
                + "3 client-visible errors"),
        md);
    assertTrue(md.contains("\n## no client-visible error\n"), md);
    assertTrue(md.contains("\n- buy k-2 at 2.010 s: 503\n"), md);
    assertFalse(md.contains("## replicas converged"), md);
    assertTrue(
        md.lines()
            .anyMatch(
                l ->
                    l.matches(
                        "\\| 2\\.0 +\\| kill -9 catalog-3 \\(primary\\) \\| 3\\.0 +\\| - +\\| 1\\.30 +\\|")),
        md);
    assertTrue(md.contains("| **no** |"), md);
    assertTrue(md.endsWith("Files: history.csv (every operation), faults.csv, timeline.png\n"));
  }

  @Test
  void markdownListsTwentyViolationsAndCountsTheRest() {
    List<String> many = IntStream.range(0, 25).mapToObj(i -> "violation " + i).toList();
    Verdict verdict = new Verdict(List.of(new Check("stock conserved", false, "item 5", many)));
    History history = history();
    String md =
        VerdictReport.markdown(
            new VerdictReport.Settings(
                Duration.ofSeconds(10),
                1,
                List.of(),
                Duration.ofSeconds(5),
                Duration.ofSeconds(3),
                7),
            history,
            verdict,
            timings(history));
    assertTrue(md.contains("- violation 19\n- ... and 5 more\n"), md);
    assertFalse(md.contains("violation 20"), md);
  }

  @Test
  void tableHasAHeaderASeparatorAndOneRowPerCheck() {
    Verdict verdict = verdictWithOneFailure();
    List<String> lines = VerdictReport.table(verdict).lines().toList();
    assertEquals(2 + verdict.checks().size(), lines.size());
    assertTrue(lines.get(0).matches("\\| check +\\| holds +\\| what was checked +\\|"));
    for (int i = 0; i < verdict.checks().size(); i++) {
      Check check = verdict.checks().get(i);
      assertTrue(lines.get(2 + i).startsWith("| " + check.rule() + " "), lines.get(2 + i));
      assertTrue(lines.get(2 + i).contains(check.holds() ? "| yes " : "| **no** |"));
    }
  }

  @Test
  void progressLineNamesTheFaultItsHealAndItsTiming() {
    History history = history();
    FaultTiming timing = new FaultTiming(KILL, OptionalDouble.of(1.21), 1.3);
    assertEquals(
        "[   2.0 s] kill -9 catalog-3 (primary): healed after 3.0 s; first write acknowledged"
            + " 1.21 s after it, slowest operation around it 1.30 s",
        VerdictReport.progressLine(history.secondsSinceStart(KILL.injectedNanos()), KILL, timing));
  }
}
