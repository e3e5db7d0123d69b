package bookstore.systemtests;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import bookstore.chaos.history.Fault;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Network partitions: a store of its own whose every node runs in a network namespace of its own,
 * joined by a bridge that this test makes and removes ({@code ./bookstore net up|down}, addresses
 * in 198.18.0.0/24, the benchmarking range; no traffic goes anywhere but loopback and these
 * namespaces). Under the load and history check of {@link HistoryRun}:
 *
 * <ul>
 *   <li>the catalog primary, then the order primary, is cut off from every other node: the majority
 *       side elects a new primary and goes on selling while the cut lasts (the test waits for
 *       successful operations before it heals); the isolated old primary acknowledges nothing once
 *       its lease is gone (the history check: no acknowledged order lost); healed, it rejoins in
 *       the new epoch with the same digest;
 *   <li>the front end is cut off from one catalog backup: reads and buys go on elsewhere.
 * </ul>
 *
 * Skipped, with the reason, where network namespaces cannot be made (not root, no iproute2).
 */
class PartitionIT {
  /** The namespaces' name prefix: {@code pt-catalog-1}, ... (15 characters at most). */
  private static final String PREFIX = "pt";

  private static Cluster cluster;

  @BeforeAll
  static void startInNamespaces() {
    Cluster store = Cluster.inNetworkNamespaces("target/partition-run", PREFIX);
    store.run(Duration.ofMinutes(1), "net", "down"); // left by a run that was killed
    Cluster.Outcome up = store.run(Duration.ofMinutes(1), "net", "up");
    assumeTrue(
        up.exitCode() == 0,
        "network namespaces cannot be made here (root and iproute2 are needed): " + up.output());
    cluster = store;
    Cluster.sendRequestsTo(cluster);
    cluster.script(Duration.ofMinutes(8), "start");
  }

  @AfterAll
  static void stopAndRemoveNamespaces() {
    Cluster.sendRequestsTo(null);
    if (cluster != null) {
      try {
        cluster.run(Duration.ofMinutes(2), "stop");
      } finally {
        cluster.run(Duration.ofMinutes(1), "net", "down");
      }
    }
  }

  /** Cuts the service's primary off; the other side must sell 50 orders before the cut heals. */
  private Fault cutOffPrimary(HistoryRun run, String service) {
    return run.onPrimary(
        Fault.Kind.PARTITION,
        service,
        cluster::partition,
        () -> run.awaitAcknowledgedBuys(50),
        cluster::heal);
  }

  @Test
  void aCutOffPrimaryIsReplacedAndRejoinsWithNothingLost() throws Exception {
    new HistoryRun(cluster)
        .run(run -> List.of(cutOffPrimary(run, "catalog"), cutOffPrimary(run, "order")));
  }

  @Test
  void aFrontEndCutOffFromOneBackupReadsAndSellsThroughTheOthers() throws Exception {
    new HistoryRun(cluster)
        .run(
            run -> {
              String primary = run.primaryOf("catalog");
              String backup = primary.equals("catalog-1") ? "catalog-2" : "catalog-1";
              long cut = System.nanoTime();
              cluster.partition("frontend", backup);
              try {
                run.awaitAcknowledgedBuys(150);
              } finally {
                cluster.heal("frontend", backup);
              }
              return List.of(
                  new Fault(Fault.Kind.PARTITION, backup, false, cut, System.nanoTime()));
            });
  }
}
