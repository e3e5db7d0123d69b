package bookstore.platform.clients;

import bookstore.platform.routing.Failover;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * Builds the MicroProfile Rest Clients every node uses to call a replica's internal API, with the
 * timeouts from MicroProfile Config: {@code bookstore.client.connect-timeout-ms} and {@code
 * bookstore.client.read-timeout-ms} (ms; a write waits for its commit), whose defaults are in each
 * WAR's {@code microprofile-config.properties}.
 */
public final class RestClients {
  private RestClients() {}

  /**
   * @param url the replica's base URL
   * @param api the JAX-RS client interface, e.g. {@link CatalogApi}
   * @param <T> the client interface
   * @return a client with the configured timeouts, whose error answers arrive as {@link
   *     bookstore.api.ProblemException}
   */
  public static <T> T build(String url, Class<T> api) {
    return build(url, api, setting("bookstore.client.read-timeout-ms"));
  }

  /**
   * How much longer than the failover deadline a caller waits for a primary's answer to a write,
   * ms: the primary's own nested calls give up at that deadline and answer with their problem.
   */
  public static final long NESTED_CALL_MARGIN_MS = 5_000;

  /**
   * A client for the writes the front end sends to a service's primary: its read timeout is the
   * whole failover deadline of the service's own calls ({@link Failover#DEADLINE_MS}, 10 s) plus
   * {@link #NESTED_CALL_MARGIN_MS}: a nested call must give up before its caller's read timeout, so
   * that a primary that is itself retrying (the order service following a catalog failover, or
   * waiting for a broker) answers with its own problem instead of the caller timing out first.
   * Derived, not configured, so that the two cannot drift apart.
   *
   * @param url the primary's base URL
   * @param api the JAX-RS client interface
   * @param <T> the client interface
   * @return a client with the configured connect timeout and the writes' read timeout
   */
  public static <T> T forWrites(String url, Class<T> api) {
    return build(url, api, Failover.DEADLINE_MS + NESTED_CALL_MARGIN_MS);
  }

  /**
   * @param url the replica's base URL
   * @param api the JAX-RS client interface
   * @param readTimeoutMs read timeout, ms (a shorter one for reads that can go elsewhere)
   * @param <T> the client interface
   * @return a client with the configured connect timeout and this read timeout
   */
  public static <T> T build(String url, Class<T> api, long readTimeoutMs) {
    return RestClientBuilder.newBuilder()
        .baseUri(URI.create(url.trim()))
        .connectTimeout(setting("bookstore.client.connect-timeout-ms"), TimeUnit.MILLISECONDS)
        .readTimeout(readTimeoutMs, TimeUnit.MILLISECONDS)
        .register(ProblemResponseMapper.class)
        .register(ClusterSecretHeader.class)
        .build(api);
  }

  private static long setting(String name) {
    return ConfigProvider.getConfig().getValue(name, Long.class);
  }
}
