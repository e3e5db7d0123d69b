package bookstore.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The CPU table each run prints after its latency table. */
class CpuUsageTest {
  @Test
  void aRowPerNodeAndATotalOfTheNodesMeasured() {
    Map<String, OptionalDouble> ms = new LinkedHashMap<>();
    ms.put("broker", OptionalDouble.of(150));
    ms.put("frontend", OptionalDouble.of(2500));
    ms.put("catalog-1", OptionalDouble.empty());
    ms.put("order-1", OptionalDouble.of(0));
    CpuUsage used = new CpuUsage(ms);

    assertEquals(
        "CPU per node over the run (user + system, /proc/PID/stat; per operation: over the run's 1000 requests; -: not running "
            + "throughout the run):\n\n"
            + "| node      | CPU ms | CPU ms per operation |\n"
            + "|-----------|--------|----------------------|\n"
            + "| broker    | 150    | 0.150                |\n"
            + "| frontend  | 2500   | 2.500                |\n"
            + "| catalog-1 | -      | -                    |\n"
            + "| order-1   | 0      | 0.000                |\n"
            + "| total     | 2650   | 2.650                |\n",
        used.table(1000));
    assertEquals("2.650", used.perOperationCell(1000));
    assertEquals("n/a", used.perOperationCell(0), "no requests: no figure per request");
    assertTrue(used.table(0).contains("| total     | 2650   | n/a "), used.table(0));
  }

  @Test
  void noNodesMeansNotMeasured() {
    CpuUsage none = CpuUsage.notMeasured();
    assertTrue(none.table(10).startsWith("CPU per node: not measured"), none.table(10));
    assertEquals("n/a", none.perOperationCell(10));
    Map<String, OptionalDouble> allGone = Map.of("frontend", OptionalDouble.empty());
    assertEquals("n/a", new CpuUsage(allGone).perOperationCell(10), "no node measured");
    assertTrue(
        new CpuUsage(allGone).table(10).contains("| total    | -      | -  "),
        new CpuUsage(allGone).table(10));
  }
}
