package bookstore.replication;

import bookstore.api.internal.Heartbeat;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The backstop behind the update topic: an EJB timer on every backup that compares its last
 * sequence with the primary's and catches up when it is behind. It covers what a delivery alone
 * cannot: a fresh replica that needs a snapshot before the next write arrives, and a gap found
 * while the primary was unreachable. It asks the primary only when that is needed ({@link
 * #needsCatchUp}): fetching writes the topic is delivering anyway would cost both replicas a log
 * read and a lock on the state row per second under load. Interval {@code
 * bookstore.replication.catch-up-interval-ms} (default 1000 ms; 0 turns it off).
 */
@Singleton
@Startup
@DependsOn(ReplicaStateInitializer.NAME)
public class CatchUpTimer {
  private static final Logger LOG = Logger.getLogger(CatchUpTimer.class.getName());

  @Resource TimerService timers;
  @Inject Membership membership;
  @Inject ReplicaApplier applier;

  @Inject
  @ConfigProperty(name = "bookstore.replication.catch-up-interval-ms")
  long intervalMs;

  @PostConstruct
  void schedule() {
    if (intervalMs > 0) {
      timers.createIntervalTimer(intervalMs, intervalMs, new TimerConfig("catch-up", false));
    }
  }

  /**
   * Whether a backup should ask the primary for what it misses now, rather than wait for the topic:
   * when the primary's last heartbeat shows another last write and the topic has been quiet for two
   * intervals (a stuck subscription, a gap, a fresh replica), or when both stand at the same
   * sequence number in different epochs (diverged histories). A backup that is behind while writes
   * keep arriving is just receiving them.
   *
   * @param here this replica's committed position
   * @param primary the primary's last heartbeat, if it is alive
   * @param msSinceDelivery ms since the topic last delivered a new write
   * @return whether to catch up now
   */
  boolean needsCatchUp(ReplicaState here, Optional<Heartbeat> primary, long msSinceDelivery) {
    if (primary.isEmpty()) {
      return true; // not heard yet: ask (catch-up finds out whether the primary answers)
    }
    Heartbeat theirs = primary.get();
    if (theirs.lastSequence() == here.getLastSequence()) {
      return theirs.lastEpoch() != here.getLastEpoch();
    }
    return msSinceDelivery > 2 * intervalMs;
  }

  @Timeout
  void catchUp() {
    if (membership.isPrimary() || membership.primaryId() == 0) {
      return;
    }
    if (!needsCatchUp(
        applier.position(),
        membership.lastHeard(membership.primaryId()),
        membership.msSinceDelivery())) {
      return;
    }
    try {
      applier.catchUpWithPrimary();
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "catch-up failed, next try in " + intervalMs + " ms", e);
    }
  }
}
