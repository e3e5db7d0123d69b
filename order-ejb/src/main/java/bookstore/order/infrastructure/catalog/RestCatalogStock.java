package bookstore.order.infrastructure.catalog;

import bookstore.api.ProblemException;
import bookstore.api.StockChange;
import bookstore.api.StockTaken;
import bookstore.order.application.CatalogStock;
import bookstore.platform.clients.CatalogApi;
import bookstore.platform.clients.ProblemResponseMapper;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * {@link CatalogStock} over the catalog primary's internal REST API (MicroProfile Rest Client).
 * {@code bookstore.catalog.urls} lists the catalog replicas by id; the last, highest id, is the
 * primary (SPEC "Replication").
 */
@ApplicationScoped
public class RestCatalogStock implements CatalogStock {
  @Inject
  @ConfigProperty(name = "bookstore.catalog.urls")
  List<String> catalogUrls;

  @Inject
  @ConfigProperty(name = "bookstore.client.connect-timeout-ms", defaultValue = "2000")
  long connectTimeoutMs;

  @Inject
  @ConfigProperty(name = "bookstore.client.read-timeout-ms", defaultValue = "10000")
  long readTimeoutMs;

  private CatalogApi primary;

  @PostConstruct
  void connect() {
    primary =
        RestClientBuilder.newBuilder()
            .baseUri(URI.create(catalogUrls.get(catalogUrls.size() - 1)))
            .connectTimeout(connectTimeoutMs, TimeUnit.MILLISECONDS)
            .readTimeout(readTimeoutMs, TimeUnit.MILLISECONDS)
            .register(ProblemResponseMapper.class)
            .build(CatalogApi.class);
  }

  @Override
  public StockTaken take(int itemId, int quantity, String requestId) {
    try {
      return primary.decrement(itemId, new StockChange(quantity, requestId));
    } catch (ProcessingException e) {
      throw ProblemException.unavailable("the catalog could not be reached: " + e.getMessage());
    }
  }

  @Override
  public void giveBack(String requestId) {
    primary.cancel(requestId);
  }
}
