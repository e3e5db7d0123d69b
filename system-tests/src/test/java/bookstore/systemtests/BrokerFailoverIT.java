package bookstore.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import bookstore.chaos.history.Fault;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The broker can die: the store runs an Artemis shared-store pair, {@code broker} and {@code
 * broker-backup}, one live and one standby. Eight clients buy and look up for at least 30 s ({@link
 * HistoryRun}) while the live broker is killed with {@code kill -9} and restarted (it comes back as
 * the standby), and then the other one, so the store fails over in both directions. The history
 * check holds (nothing acknowledged lost or invented, one order per idempotency key even for the
 * writes in flight at the kill, stock conserved, replicas equal) with no client-visible error; the
 * run prints each fault's pause until the next acknowledged write.
 */
@ClusterTest
class BrokerFailoverIT {
  private final Cluster cluster;

  BrokerFailoverIT(Cluster cluster) {
    this.cluster = cluster;
  }

  /**
   * @return each broker's health as {@code ./bookstore status} prints it: UP (live), STANDBY or -
   */
  private Map<String, String> brokers() {
    Map<String, String> health = new TreeMap<>();
    cluster
        .status()
        .forEach(
            (node, status) -> {
              if (node.startsWith("broker")) {
                health.put(node, status.health());
              }
            });
    return health;
  }

  private String live() {
    Map<String, String> health = brokers();
    List<String> live = health.keySet().stream().filter(b -> health.get(b).equals("UP")).toList();
    assertEquals(1, live.size(), "one live broker: " + health);
    return live.get(0);
  }

  /** Kills the live broker, lets the clients run on the other, restarts it as the standby. */
  private Fault killTheLiveBroker(HistoryRun run) {
    String live = live();
    long killed = System.nanoTime();
    cluster.kill(live);
    run.awaitOperations(100); // the standby has taken over: writes go on
    cluster.restart(live);
    assertEquals("STANDBY", brokers().get(live), live + " came back as the standby");
    return new Fault(Fault.Kind.BROKER, live, true, killed, System.nanoTime());
  }

  @Test
  void clientsSeeNoErrorAndNoAcknowledgedOrderIsLostWhileTheLiveBrokerIsKilled() throws Exception {
    new HistoryRun(cluster).run(run -> List.of(killTheLiveBroker(run), killTheLiveBroker(run)));
  }
}
