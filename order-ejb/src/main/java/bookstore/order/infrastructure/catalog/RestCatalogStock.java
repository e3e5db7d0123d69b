package bookstore.order.infrastructure.catalog;

import bookstore.api.ProblemException;
import bookstore.api.ProblemTypes;
import bookstore.api.StockChange;
import bookstore.api.StockTaken;
import bookstore.order.application.CatalogStock;
import bookstore.platform.clients.CatalogApi;
import bookstore.platform.clients.RestClients;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@link CatalogStock} over the catalog's internal REST API (MicroProfile Rest Client). Any
 * catalog replica takes the call and forwards it to its primary; when a replica does not answer,
 * or no primary is known during a failover, the call goes to the next replica, until {@code
 * bookstore.failover.deadline-ms} (default 10,000 ms). Both calls are idempotent per request id,
 * so a retry after a lost answer takes no stock twice (SPEC guarantee 3).
 */
@ApplicationScoped
public class RestCatalogStock implements CatalogStock {
  private static final long PAUSE_NANOS = 100_000_000;

  @Inject
  @ConfigProperty(name = "bookstore.catalog.urls")
  List<String> catalogUrls;

  @Inject
  @ConfigProperty(name = "bookstore.failover.deadline-ms", defaultValue = "10000")
  long deadlineMs;

  private List<CatalogApi> replicas;
  private final AtomicInteger preferred = new AtomicInteger();

  @PostConstruct
  void connect() {
    replicas =
        catalogUrls.stream()
            .map(url -> RestClients.build(url, CatalogApi.class))
            .toList();
    preferred.set(replicas.size() - 1);
  }

  @Override
  public StockTaken take(int itemId, int quantity, String requestId) {
    return withFailover(api -> api.decrement(itemId, new StockChange(quantity, requestId)));
  }

  @Override
  public void giveBack(String requestId) {
    withFailover(
        api -> {
          api.cancel(requestId);
          return null;
        });
  }

  private <T> T withFailover(Function<CatalogApi, T> call) {
    long deadline = System.nanoTime() + deadlineMs * 1_000_000;
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      int index = preferred.get();
      try {
        return call.apply(replicas.get(index));
      } catch (ProcessingException unreachable) {
        last = unreachable;
      } catch (ProblemException e) {
        if (!ProblemTypes.retryable(e.problem().type())) {
          throw e;
        }
        last = e;
      }
      preferred.compareAndSet(index, Math.floorMod(index - 1, replicas.size()));
      LockSupport.parkNanos(PAUSE_NANOS);
    }
    throw ProblemException.unavailable("the catalog could not be reached: " + last);
  }
}
