package bookstore.replication;

import bookstore.platform.clients.ProblemResponseMapper;
import bookstore.platform.clients.ReplicaApi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * REST clients to the primary of this replica's service: its {@code /replica} API, and any of
 * the service's own APIs for forwarding writes a backup receives. One client per base URL,
 * made on first use.
 */
@ApplicationScoped
public class PrimaryClient {
  @Inject ReplicaIdentity identity;

  @Inject
  @ConfigProperty(name = "bookstore.client.connect-timeout-ms", defaultValue = "2000")
  long connectTimeoutMs;

  @Inject
  @ConfigProperty(name = "bookstore.client.read-timeout-ms", defaultValue = "10000")
  long readTimeoutMs;

  private final Map<String, Object> clients = new ConcurrentHashMap<>();

  /** @return the primary's replica API, or empty when this replica is the primary */
  public Optional<ReplicaApi> api() {
    return forward(ReplicaApi.class);
  }

  /**
   * @param api a JAX-RS client interface the primary serves, e.g. {@code CatalogApi}
   * @return a client of it on the primary, or empty when this replica is the primary
   */
  public <T> Optional<T> forward(Class<T> api) {
    return identity.primaryUrl().map(url -> api.cast(clients.computeIfAbsent(api.getName() + " " + url, k -> build(url, api))));
  }

  private <T> T build(String url, Class<T> api) {
    return RestClientBuilder.newBuilder()
        .baseUri(URI.create(url))
        .connectTimeout(connectTimeoutMs, TimeUnit.MILLISECONDS)
        .readTimeout(readTimeoutMs, TimeUnit.MILLISECONDS)
        .register(ProblemResponseMapper.class)
        .build(api);
  }
}
