package bookstore.order.infrastructure.catalog;

import bookstore.platform.routing.HeartbeatMonitor;
import bookstore.platform.routing.ReplicaRouter;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.List;

/**
 * This order replica's heartbeats to the catalog's replicas, as {@link HeartbeatMonitor} does them,
 * so that {@link RestCatalogStock} sends each stock change straight to the catalog primary (no hop
 * through a backup) and knows a dead one within a few intervals.
 */
@Singleton
@Startup
public class CatalogMonitor extends HeartbeatMonitor {
  @Inject RestCatalogStock stock;

  @Override
  protected List<ReplicaRouter<?>> routers() {
    return List.of(stock.catalog());
  }
}
