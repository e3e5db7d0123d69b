package bookstore.systemtests;

import static bookstore.systemtests.Http.body;
import static bookstore.systemtests.Poll.await;

import bookstore.api.internal.ReplicaStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * A primary that freezes is replaced, and acknowledges nothing in its old epoch when it resumes
 * (issue 13): eight clients buy and look up ({@link HistoryRun}) while the catalog primary and then
 * the order primary are stopped with {@code SIGSTOP} for {@value #FREEZE_SECONDS} s (several
 * heartbeat intervals: the highest live backup takes over) and continued with {@code SIGCONT}; the
 * resumed node learns the new primary and rejoins as a backup. The history check holds with no
 * client-visible error, and every replica, the thawed one included, ends at the same sequence and
 * digest. It prints the pause and the slowest request around each freeze (a caller gives up on a
 * request in flight to the frozen node once its heartbeats declare the node dead, and retries it
 * with its key; the new primary writes only once the frozen one's lease has run out for certain).
 */
@ClusterTest
class FrozenPrimaryIT {
  /** How long each primary stays frozen: eight heartbeat intervals. */
  static final int FREEZE_SECONDS = 8;

  private final Cluster cluster;

  FrozenPrimaryIT(Cluster cluster) {
    this.cluster = cluster;
  }

  private HistoryRun.Fault freeze(HistoryRun run, String service) {
    String primary = run.primaryOf(service);
    int id = Integer.parseInt(primary.substring(primary.indexOf('-') + 1));
    String url = service.equals("catalog") ? cluster.catalogUrl(id) : cluster.orderUrl(id);
    long epoch = status(url).epoch();
    long frozen = System.nanoTime();
    cluster.freeze(primary);
    try {
      // the freeze's length is the fault itself, not a wait for a condition
      LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(FREEZE_SECONDS));
    } finally {
      cluster.thaw(primary);
    }
    // thawed, it has learned the new primary's epoch (as a backup, or as primary again once it
    // caught up: the highest id takes over); it acknowledges nothing in its old one
    await(primary + ", thawed, to leave epoch " + epoch)
        .atMost(Duration.ofSeconds(30))
        .until(() -> status(url).epoch(), now -> now > epoch);
    run.awaitOperations(100);
    // its digest equals the others' once the clients stop: HistoryRun's check
    return new HistoryRun.Fault(primary, true, frozen);
  }

  private static ReplicaStatus status(String url) {
    return body(Http.node(url + "/replica"), ReplicaStatus.class);
  }

  @Test
  void aFrozenPrimaryIsReplacedAndRejoinsAsABackupWithNothingLost() throws Exception {
    new HistoryRun(cluster).run(run -> List.of(freeze(run, "catalog"), freeze(run, "order")));
  }
}
