package bookstore.frontend.infrastructure.replicas;

import bookstore.frontend.application.ClusterEvents;
import bookstore.platform.clients.CatalogApi;
import bookstore.platform.clients.OrderApi;
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
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The replicas this front end talks to, from {@code bookstore.catalog.urls} and {@code
 * bookstore.order.urls} (comma-separated base URLs in replica-id order), with what the heartbeats
 * say of each: a {@link ReplicaRouter} per service. Reads go round robin over the live, caught-up
 * replicas; writes go to the primary and follow it through a failover under the one {@link
 * Failover} policy.
 */
@ApplicationScoped
public class ReplicaDirectory {
  @Inject
  @ConfigProperty(name = "bookstore.catalog.urls")
  List<String> catalogUrls;

  @Inject
  @ConfigProperty(name = "bookstore.order.urls")
  List<String> orderUrls;

  /** Read timeout of reads (ms): a replica slower than this is passed over for the next one. */
  @Inject
  @ConfigProperty(name = "bookstore.client.read-timeout-ms.reads")
  long readsTimeoutMs;

  @Inject Failover failover;
  @Inject ClusterEvents events;

  /** The container's threads, for the writes the routers watch (see {@link ReplicaRouter}). */
  @Resource ManagedThreadFactory threads;

  private ExecutorService writes;
  private ReplicaRouter<CatalogApi> catalog;
  private ReplicaRouter<OrderApi> orders;

  @PostConstruct
  void connect() {
    writes = Executors.newCachedThreadPool(threads);
    catalog = services("catalog", catalogUrls, CatalogApi.class);
    orders = services("order", orderUrls, OrderApi.class);
  }

  @PreDestroy
  void close() {
    writes.shutdownNow();
  }

  /**
   * @return the catalog's replicas
   */
  public ReplicaRouter<CatalogApi> catalog() {
    return catalog;
  }

  /**
   * @return the order service's replicas
   */
  public ReplicaRouter<OrderApi> orders() {
    return orders;
  }

  /**
   * @return both services' replicas, for the heartbeat timer
   */
  public List<ReplicaRouter<?>> services() {
    return List.of(catalog, orders);
  }

  /**
   * @param read a read of the catalog
   * @param <T> its answer's type
   * @return its answer from the first live replica, round robin, that gives one
   */
  public <T> T readCatalog(Function<CatalogApi, T> read) {
    return catalog.read(read);
  }

  /**
   * @param write an admin write to the catalog (a price, a restock, a new item): not keyed, so
   *     resent only when it cannot have arrived (the connection was refused)
   * @param <T> its answer's type
   * @return the primary's answer
   */
  public <T> T writeCatalog(Function<CatalogApi, T> write) {
    return catalog.write(write, false);
  }

  /**
   * @param read a read of the orders
   * @param <T> its answer's type
   * @return its answer from the first replica that gives one
   */
  public <T> T readOrders(Function<OrderApi, T> read) {
    return orders.read(read);
  }

  /**
   * @param write a buy, idempotent by its key: retried on any failure to answer
   * @param <T> its answer's type
   * @return the primary's answer
   */
  public <T> T writeOrders(Function<OrderApi, T> write) {
    return orders.write(write, true);
  }

  private <T> ReplicaRouter<T> services(String name, List<String> urls, Class<T> api) {
    return new ReplicaRouter<>(
        name,
        urls.stream().map(String::trim).toList(),
        url -> RestClients.forWrites(url, api),
        url -> RestClients.build(url, api, readsTimeoutMs),
        failover,
        (kind, text) -> events.record(ClusterEvents.Kind.valueOf(kind.name()), text),
        writes);
  }
}
