package bookstore.replication;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The backstop behind the update topic: an EJB timer on every backup that compares its last
 * sequence with the primary's and catches up when it is behind. It covers what a delivery alone
 * cannot: a fresh replica that needs a snapshot before the next write arrives, and a gap found
 * while the primary was unreachable. It asks the primary only when the primary's last heartbeat
 * shows another last write (sequence or epoch) than this replica's. Interval {@code bookstore.replication.catch-up-interval-ms}
 * (default 1000 ms; 0 turns it off).
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
  @ConfigProperty(name = "bookstore.replication.catch-up-interval-ms", defaultValue = "1000")
  long intervalMs;

  @PostConstruct
  void schedule() {
    if (intervalMs > 0) {
      timers.createIntervalTimer(intervalMs, intervalMs, new TimerConfig("catch-up", false));
    }
  }

  @Timeout
  void catchUp() {
    if (membership.isPrimary() || membership.primaryId() == 0) {
      return;
    }
    ReplicaState here = applier.position();
    boolean level =
        membership.lastHeard(membership.primaryId())
            .map(h -> h.lastSequence() == here.getLastSequence() && h.lastEpoch() == here.getLastEpoch())
            .orElse(false);
    if (level) {
      return; // the primary's last heartbeat shows the same last write: nothing to fetch or probe
    }
    try {
      applier.catchUpWithPrimary();
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "catch-up failed, next try in " + intervalMs + " ms", e);
    }
  }
}
