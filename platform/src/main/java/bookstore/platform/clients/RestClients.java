package bookstore.platform.clients;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/** Builds the MicroProfile Rest Clients every node uses to call a replica's internal API. */
public final class RestClients {
  private RestClients() {}

  /**
   * @param url the replica's base URL
   * @param api the JAX-RS client interface, e.g. {@link CatalogApi}
   * @param connectTimeoutMs connect timeout, ms
   * @param readTimeoutMs read timeout, ms
   * @return a client whose error answers arrive as {@link bookstore.api.ProblemException}
   */
  public static <T> T build(String url, Class<T> api, long connectTimeoutMs, long readTimeoutMs) {
    return RestClientBuilder.newBuilder()
        .baseUri(URI.create(url.trim()))
        .connectTimeout(connectTimeoutMs, TimeUnit.MILLISECONDS)
        .readTimeout(readTimeoutMs, TimeUnit.MILLISECONDS)
        .register(ProblemResponseMapper.class)
        .build(api);
  }
}
