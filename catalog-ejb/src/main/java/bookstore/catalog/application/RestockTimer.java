package bookstore.catalog.application;

import bookstore.replication.Membership;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
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
 * Restock (SPEC "Replication"): an EJB timer that, on the catalog primary only, refills every item
 * whose stock is 0 to {@code bookstore.restock.level} (default 100 items) every {@code
 * bookstore.restock.interval-ms} (default 10,000 ms; 0 turns it off). Each refill is an ordinary
 * replicated write and invalidates the front ends' caches.
 */
@Singleton
@Startup
public class RestockTimer {
  private static final Logger LOG = Logger.getLogger(RestockTimer.class.getName());

  @Resource TimerService timers;
  @Inject Membership membership;
  @Inject CatalogService catalog;

  @Inject
  @ConfigProperty(name = "bookstore.restock.interval-ms")
  long intervalMs;

  @Inject
  @ConfigProperty(name = "bookstore.restock.level")
  int level;

  @PostConstruct
  void schedule() {
    if (intervalMs > 0) {
      timers.createIntervalTimer(intervalMs, intervalMs, new TimerConfig("restock", false));
    }
  }

  @Timeout
  void restock() {
    if (!membership.isPrimary()) {
      return;
    }
    for (int id : catalog.soldOut()) {
      try {
        if (catalog.refillIfSoldOut(id, level)) {
          LOG.info("restocked item " + id + " to " + level);
        }
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING,
            "restock of item " + id + " failed; next try in " + intervalMs + " ms",
            e);
      }
    }
  }
}
