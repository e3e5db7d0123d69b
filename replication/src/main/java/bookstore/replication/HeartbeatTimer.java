package bookstore.replication;

import bookstore.platform.clients.HeartbeatProbe;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Heartbeats (SPEC "Replication"): an EJB timer that every {@code bookstore.heartbeat.interval-ms}
 * (default 1,000 ms) asks every peer for its heartbeat, all at once, each with a timeout of one
 * interval ({@link HeartbeatProbe}), then lets the {@link BullyElection} act on what it learned. A
 * peer that misses {@code bookstore.heartbeat.misses} (default 3) in a row counts as dead; one
 * whose port refuses the connection is dead at once (its process is gone: a {@code kill -9} is
 * noticed within one interval, which is what keeps a failover under 3 s).
 */
@Singleton
@Startup
@DependsOn(ReplicaStateInitializer.NAME)
public class HeartbeatTimer {
  private static final Logger LOG = Logger.getLogger(HeartbeatTimer.class.getName());

  @Resource TimerService timers;
  @Inject ReplicaIdentity identity;
  @Inject Membership membership;
  @Inject BullyElection election;

  private HeartbeatProbe probe;

  @PostConstruct
  void schedule() {
    probe = new HeartbeatProbe(membership.intervalMs());
    election.restore();
    long interval = membership.intervalMs();
    timers.createIntervalTimer(interval, interval, new TimerConfig("heartbeat", false));
  }

  @Timeout
  void beat() {
    List<CompletableFuture<Void>> calls = new ArrayList<>();
    List<String> peers = identity.peers();
    for (int id = 1; id <= peers.size(); id++) {
      if (id == identity.replicaId()) {
        continue;
      }
      int peerId = id;
      long asked = System.nanoTime();
      calls.add(
          probe
              .ask(peers.get(id - 1), identity.replicaId())
              .thenAccept(
                  answer -> {
                    if (answer.heartbeat() != null) {
                      membership.heard(answer.heartbeat(), asked);
                    } else if (answer.refused()) {
                      membership.refused(peerId);
                    }
                  }));
    }
    CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
    try {
      election.act();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "election step failed; next heartbeat tries again", e);
    }
  }
}
