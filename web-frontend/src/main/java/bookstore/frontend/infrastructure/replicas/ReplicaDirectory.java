package bookstore.frontend.infrastructure.replicas;

import bookstore.api.ProblemException;
import bookstore.platform.clients.CatalogApi;
import bookstore.platform.clients.OrderApi;
import bookstore.platform.clients.ProblemResponseMapper;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * The replicas this front end talks to, one MicroProfile Rest Client each, from {@code
 * bookstore.catalog.urls} and {@code bookstore.order.urls} (comma-separated base URLs in
 * replica-id order). Reads go round robin over the replicas, and move on to the next replica
 * when one does not answer; a replica that is behind the sequence a read needs (503 {@code
 * urn:bookstore:replica-behind}) hands the read to the primary. Writes go to the primary, the
 * replica with the highest id (SPEC "Replication").
 */
@ApplicationScoped
public class ReplicaDirectory {
  private static final String BEHIND = "urn:bookstore:replica-behind";

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

  private Service<CatalogApi> catalog;
  private Service<OrderApi> orders;

  @PostConstruct
  void connect() {
    catalog = new Service<>("catalog", catalogUrls.stream().map(url -> client(url, CatalogApi.class)).toList());
    orders = new Service<>("order", orderUrls.stream().map(url -> client(url, OrderApi.class)).toList());
  }

  /**
   * @param read a read of the catalog
   * @return its answer from the first replica, round robin, that gives one
   * @throws ProblemException the replica's own refusal (404, 400), or 503 when none answers
   */
  public <T> T readCatalog(Function<CatalogApi, T> read) {
    return catalog.read(read);
  }

  /**
   * @param write a write to the catalog
   * @return the primary's answer
   * @throws ProblemException the primary's refusal, or 503 when it does not answer
   */
  public <T> T writeCatalog(Function<CatalogApi, T> write) {
    return catalog.write(write);
  }

  /** @param read a read of the orders @return its answer from the first replica that gives one */
  public <T> T readOrders(Function<OrderApi, T> read) {
    return orders.read(read);
  }

  /** @param write a write to the orders @return the primary's answer */
  public <T> T writeOrders(Function<OrderApi, T> write) {
    return orders.write(write);
  }

  private <T> T client(String url, Class<T> api) {
    return RestClientBuilder.newBuilder()
        .baseUri(URI.create(url.trim()))
        .connectTimeout(connectTimeoutMs, TimeUnit.MILLISECONDS)
        .readTimeout(readTimeoutMs, TimeUnit.MILLISECONDS)
        .register(ProblemResponseMapper.class)
        .build(api);
  }

  /** The replicas of one service, by id (index 0 is replica 1). */
  private static final class Service<A> {
    private final String name;
    private final List<A> replicas;
    private final AtomicInteger next = new AtomicInteger();

    Service(String name, List<A> replicas) {
      this.name = name;
      this.replicas = replicas;
    }

    A primary() {
      return replicas.get(replicas.size() - 1);
    }

    <T> T read(Function<A, T> read) {
      int start = Math.floorMod(next.getAndIncrement(), replicas.size());
      for (int i = 0; i < replicas.size(); i++) {
        A replica = replicas.get((start + i) % replicas.size());
        try {
          return read.apply(replica);
        } catch (ProcessingException unreachable) {
          // try the next replica
        } catch (ProblemException e) {
          if (!BEHIND.equals(e.problem().type())) {
            throw e;
          }
          return write(read); // the primary has every acknowledged write
        }
      }
      throw ProblemException.unavailable("no " + name + " replica answered");
    }

    <T> T write(Function<A, T> write) {
      try {
        return write.apply(primary());
      } catch (ProcessingException e) {
        throw ProblemException.unavailable("the " + name + " primary could not be reached");
      }
    }
  }
}
