package bookstore.order.infrastructure.catalog;

import bookstore.api.internal.StockChange;
import bookstore.api.internal.StockTaken;
import bookstore.order.application.CatalogStock;
import bookstore.platform.clients.CatalogApi;
import bookstore.platform.clients.RestClients;
import bookstore.platform.routing.Failover;
import bookstore.platform.routing.ReplicaRouter;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@link CatalogStock} over the catalog's internal REST API (MicroProfile Rest Client), routed by a
 * {@link ReplicaRouter}: each call goes to the catalog primary the heartbeats name ({@link
 * CatalogMonitor}), and follows it through a failover under the one {@link Failover} policy. Both
 * calls are idempotent per request id, so a retry after a lost answer takes no stock twice (SPEC
 * guarantee 3).
 */
@ApplicationScoped
public class RestCatalogStock implements CatalogStock {
  private static final Logger LOG = Logger.getLogger(RestCatalogStock.class.getName());

  @Inject
  @ConfigProperty(name = "bookstore.catalog.urls")
  List<String> catalogUrls;

  @Inject Failover failover;

  /** The container's threads, for the writes the router watches (see {@link ReplicaRouter}). */
  @Resource ManagedThreadFactory threads;

  private ExecutorService writes;
  private ReplicaRouter<CatalogApi> catalog;

  @PostConstruct
  void connect() {
    writes = Executors.newCachedThreadPool(threads);
    List<String> urls = catalogUrls.stream().map(String::trim).toList();
    catalog =
        new ReplicaRouter<>(
            "catalog",
            urls,
            url -> RestClients.build(url, CatalogApi.class),
            url -> RestClients.build(url, CatalogApi.class),
            failover,
            (kind, text) -> LOG.info(kind + ": " + text),
            writes);
  }

  @PreDestroy
  void close() {
    writes.shutdownNow();
  }

  /**
   * @return the catalog's replicas as this order replica's heartbeats see them
   */
  ReplicaRouter<CatalogApi> catalog() {
    return catalog;
  }

  @Override
  public StockTaken take(int itemId, int quantity, String idempotencyKey) {
    return catalog.write(
        api -> api.decrement(itemId, new StockChange(quantity, idempotencyKey)), true);
  }

  @Override
  public void giveBack(String idempotencyKey) {
    catalog.write(
        api -> {
          api.cancel(idempotencyKey);
          return null;
        },
        true);
  }
}
