package bookstore.order.infrastructure.catalog;

import bookstore.platform.routing.ReplicaHeartbeats;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This order replica's heartbeats to the catalog's replicas: an EJB timer that every {@code
 * bookstore.heartbeat.interval-ms} (default 1,000 ms) runs one {@link ReplicaHeartbeats} round,
 * so that {@link RestCatalogStock} sends each stock change straight to the catalog primary (no
 * hop through a backup) and knows a dead one within {@code bookstore.heartbeat.misses} (default
 * 3) intervals.
 */
@Singleton
@Startup
public class CatalogMonitor {
  @Resource TimerService timers;
  @Inject RestCatalogStock stock;

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
    timers.createIntervalTimer(0, intervalMs, new TimerConfig("catalog-heartbeat", false));
  }

  @Timeout
  void beat() {
    heartbeats.beat(List.of(stock.catalog()));
  }
}
