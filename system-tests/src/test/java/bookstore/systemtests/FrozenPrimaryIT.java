package bookstore.systemtests;

import bookstore.chaos.history.Fault;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * A primary that freezes is replaced, and acknowledges nothing in its old epoch when it resumes:
 * eight clients buy and look up ({@link HistoryRun}) while the catalog primary and then the order
 * primary are stopped with {@code SIGSTOP} for {@value #FREEZE_SECONDS} s (several heartbeat
 * intervals: the highest live backup takes over) and continued with {@code SIGCONT}; the resumed
 * node learns the new primary and rejoins as a backup. The history check holds with no
 * client-visible error, and every replica, the thawed one included, ends at the same sequence and
 * digest. It prints the pause and the slowest request around each freeze (a caller gives up on a
 * request in flight to the frozen node once its heartbeats declare the node dead, and retries it
 * with its key; the new primary writes only once the frozen one's lease has run out for certain).
 */
@ClusterTest
class FrozenPrimaryIT {
  /**
   * How long each primary stays frozen: twelve heartbeat intervals, longer than the callers'
   * failover deadline ({@link bookstore.platform.routing.Failover#DEADLINE_MS}, 10 s). A caller
   * that waited for the frozen node until the thaw would run out of it and answer 503, which the
   * history check counts as a client-visible error: the freeze's length must not show.
   */
  static final int FREEZE_SECONDS = 12;

  private final Cluster cluster;

  FrozenPrimaryIT(Cluster cluster) {
    this.cluster = cluster;
  }

  private Fault freeze(HistoryRun run, String service) {
    return run.onPrimary(
        Fault.Kind.FREEZE,
        service,
        cluster::freeze,
        // the freeze's length is the fault itself, not a wait for a condition
        () -> LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(FREEZE_SECONDS)),
        cluster::thaw);
  }

  @Test
  void aFrozenPrimaryIsReplacedAndRejoinsAsABackupWithNothingLost() throws Exception {
    new HistoryRun(cluster).run(run -> List.of(freeze(run, "catalog"), freeze(run, "order")));
  }
}
