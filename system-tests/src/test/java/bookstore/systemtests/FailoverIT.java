package bookstore.systemtests;

import bookstore.chaos.history.Fault;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Any replica can die, primary included (SPEC guarantee 6), checked the way a Jepsen run checks it
 * ({@link HistoryRun}): eight clients buy and look up while a nemesis kills ({@code kill -9}), one
 * at a time, the catalog primary, a catalog backup, the order primary and an order backup,
 * restarting each a few seconds later.
 */
@ClusterTest
class FailoverIT {
  private final Cluster cluster;

  FailoverIT(Cluster cluster) {
    this.cluster = cluster;
  }

  @Test
  void clientsSeeNoErrorAndNoAcknowledgedOrderIsLostWhileReplicasAreKilledOneAtATime()
      throws Exception {
    new HistoryRun(cluster)
        .run(
            run ->
                List.of(
                    killAndRestart(run, run.primaryOf("catalog"), true),
                    killAndRestart(run, "catalog-1", false),
                    killAndRestart(run, run.primaryOf("order"), true),
                    killAndRestart(run, "order-1", false)));
  }

  /** Kills a node, lets the clients run on without it for a while, then restarts it. */
  private Fault killAndRestart(HistoryRun run, String node, boolean primary) {
    long killed = System.nanoTime();
    cluster.kill(node);
    run.awaitOperations(100); // the store keeps serving with the node down
    cluster.restart(node);
    return new Fault(Fault.Kind.KILL, node, primary, killed, System.nanoTime());
  }
}
