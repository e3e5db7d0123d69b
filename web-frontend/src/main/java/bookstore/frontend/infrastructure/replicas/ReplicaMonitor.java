package bookstore.frontend.infrastructure.replicas;

import bookstore.platform.routing.ReplicaHeartbeats;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The front end's heartbeats (SPEC "Replication"): an EJB timer that every {@code
 * bookstore.heartbeat.interval-ms} (default 1,000 ms) runs one {@link ReplicaHeartbeats} round
 * over every replica of both services; a replica that misses {@code bookstore.heartbeat.misses}
 * (default 3) in a row, or whose port refuses the connection, is dead to the {@link
 * ReplicaDirectory} until it answers again.
 */
@Singleton
@Startup
public class ReplicaMonitor {
  @Resource TimerService timers;
  @Inject ReplicaDirectory directory;

  @Inject
  @ConfigProperty(name = "bookstore.heartbeat.interval-ms")
  long intervalMs;

  @Inject
  @ConfigProperty(name = "bookstore.heartbeat.misses")
  int allowedMisses;

  private ReplicaHeartbeats heartbeats;

  @PostConstruct
  void schedule() {
    heartbeats = new ReplicaHeartbeats(intervalMs, allowedMisses);
    timers.createIntervalTimer(0, intervalMs, new TimerConfig("replica-heartbeat", false));
  }

  @Timeout
  void beat() {
    heartbeats.beat(directory.services());
  }
}
