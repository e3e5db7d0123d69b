package bookstore.platform.routing;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The EJB timer that keeps some {@link ReplicaRouter}s informed (SPEC "Replication": heartbeats are
 * EJB timers): every {@code bookstore.heartbeat.interval-ms} it runs one {@link ReplicaHeartbeats}
 * round over the routers' replicas; a replica that misses {@code bookstore.heartbeat.misses} in a
 * row, or whose port refuses the connection, is dead to its router until it answers again. A node
 * subclasses it as a {@code @Singleton @Startup} bean and says which routers ({@link #routers}).
 */
public abstract class HeartbeatMonitor {
  @Resource TimerService timers;

  @Inject
  @ConfigProperty(name = "bookstore.heartbeat.interval-ms")
  long intervalMs;

  @Inject
  @ConfigProperty(name = "bookstore.heartbeat.misses")
  int allowedMisses;

  private ReplicaHeartbeats heartbeats;

  /**
   * @return the routers whose replicas this node asks for heartbeats
   */
  protected abstract List<? extends ReplicaRouter<?>> routers();

  /** Starts the interval timer (a lifecycle callback of the subclass's singleton). */
  @PostConstruct
  protected void schedule() {
    heartbeats = new ReplicaHeartbeats(intervalMs, allowedMisses);
    timers.createIntervalTimer(0, intervalMs, new TimerConfig(getClass().getSimpleName(), false));
  }

  /** One heartbeat round (the timer's callback). */
  @Timeout
  protected void beat() {
    heartbeats.beat(routers());
  }
}
