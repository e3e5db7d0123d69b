package bookstore.frontend.infrastructure.replicas;

import bookstore.platform.clients.CatalogApi;
import bookstore.platform.clients.OrderApi;
import bookstore.platform.clients.ProblemResponseMapper;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * The replicas this front end talks to, one MicroProfile Rest Client each, from {@code
 * bookstore.catalog.urls} and {@code bookstore.order.urls} (comma-separated base URLs in
 * replica-id order). Reads go round robin over the replicas; writes go to the primary, the
 * replica with the highest id (SPEC "Replication").
 */
@ApplicationScoped
public class ReplicaDirectory {
  @Inject
  @ConfigProperty(name = "bookstore.catalog.urls")
  List<String> catalogUrls;

  @Inject
  @ConfigProperty(name = "bookstore.order.urls")
  List<String> orderUrls;

  @Inject
  @ConfigProperty(name = "bookstore.client.connect-timeout-ms", defaultValue = "2000")
  long connectTimeoutMs;

  @Inject
  @ConfigProperty(name = "bookstore.client.read-timeout-ms", defaultValue = "15000")
  long readTimeoutMs;

  private List<CatalogApi> catalogs;
  private List<OrderApi> orders;
  private final AtomicInteger nextCatalogRead = new AtomicInteger();
  private final AtomicInteger nextOrderRead = new AtomicInteger();

  @PostConstruct
  void connect() {
    catalogs = catalogUrls.stream().map(url -> client(url, CatalogApi.class)).toList();
    orders = orderUrls.stream().map(url -> client(url, OrderApi.class)).toList();
  }

  /** @return the next catalog replica for a read, round robin */
  public CatalogApi catalogForRead() {
    return catalogs.get(Math.floorMod(nextCatalogRead.getAndIncrement(), catalogs.size()));
  }

  /** @return the catalog primary, for writes */
  public CatalogApi catalogPrimary() {
    return catalogs.get(catalogs.size() - 1);
  }

  /** @return the next order replica for a read, round robin */
  public OrderApi orderForRead() {
    return orders.get(Math.floorMod(nextOrderRead.getAndIncrement(), orders.size()));
  }

  /** @return the order primary, for writes */
  public OrderApi orderPrimary() {
    return orders.get(orders.size() - 1);
  }

  private <T> T client(String url, Class<T> api) {
    return RestClientBuilder.newBuilder()
        .baseUri(URI.create(url.trim()))
        .connectTimeout(connectTimeoutMs, TimeUnit.MILLISECONDS)
        .readTimeout(readTimeoutMs, TimeUnit.MILLISECONDS)
        .register(ProblemResponseMapper.class)
        .build(api);
  }
}
