package bookstore.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ./bookstore}'s node commands act on the node they name and on nothing else: {@code stop
 * NODE} stops that node only and {@code start NODE} brings it back ready; a wrong node name, a
 * wrong subcommand or a node command without its node gets the usage with exit status 2 and leaves
 * every node running as it was.
 */
@ClusterTest
class LauncherIT {
  private final Cluster cluster;

  LauncherIT(Cluster cluster) {
    this.cluster = cluster;
  }

  /**
   * @return every node's PID as {@code ./bookstore status} prints it ("-" when stopped)
   */
  private Map<String, String> pids() {
    Map<String, String> pids = new TreeMap<>();
    cluster.status().forEach((node, status) -> pids.put(node, status.pid()));
    return pids;
  }

  @Test
  void stopAndStartOfOneNodeLeaveTheOthersAsTheyWere() {
    Map<String, String> before = pids();
    assertNotEquals("-", before.get("order-1"), "order-1 runs before the test");

    cluster.script(Duration.ofMinutes(1), "stop", "order-1");
    Map<String, String> stopped = pids();
    assertEquals("-", stopped.get("order-1"), "order-1 is stopped");
    Map<String, String> others = new TreeMap<>(before);
    others.remove("order-1");
    stopped.remove("order-1");
    assertEquals(others, stopped, "every other node runs with the same PID");

    cluster.script(Duration.ofMinutes(5), "start", "order-1");
    Map<String, String> after = pids();
    assertNotEquals("-", after.get("order-1"), "order-1 runs again");
    after.remove("order-1");
    assertEquals(others, after, "every other node still runs with the same PID");
    assertEquals(
        200,
        Http.node(cluster.orderUrl(1) + "/replica").statusCode(),
        "order-1 answers once start returns");
    cluster.awaitConvergence("order");
  }

  @ParameterizedTest(name = "./bookstore {0}")
  @ValueSource(
      strings = {
        "stop nosuch",
        "stop catalog-9",
        "stop order-1 order-2",
        "kill",
        "restart",
        "logs nobody",
        "start order-1 order-2",
        "frobnicate"
      })
  void aWrongNodeOrCommandGetsTheUsageAndTouchesNothing(String command) {
    Map<String, String> before = pids();
    Cluster.Outcome outcome = cluster.run(Duration.ofSeconds(60), command.split(" "));
    assertEquals(2, outcome.exitCode(), outcome.output());
    assertTrue(
        outcome.output().contains("./bookstore stop [NODE]"),
        "the usage is printed: " + outcome.output());
    assertEquals(before, pids(), "no node was stopped or started");
  }

  @Test
  void startingANodeThatRunsIsRefused() {
    Map<String, String> before = pids();
    Cluster.Outcome outcome = cluster.run(Duration.ofSeconds(60), "start", "catalog-1");
    assertEquals(1, outcome.exitCode(), outcome.output());
    assertTrue(outcome.output().contains("catalog-1 is already running"), outcome.output());
    assertEquals(before, pids(), "no node was stopped or started");
  }
}
