package bookstore.bench.store;

import java.net.URI;

/**
 * One replica of a service as the benchmark finds it.
 *
 * @param service "catalog" or "order"
 * @param replicaId its id (the node is {@code service-replicaId})
 * @param url its base URL
 * @param primary whether it is its service's primary now
 */
public record Replica(String service, int replicaId, URI url, boolean primary) {
  /**
   * @return the node's name for {@code ./bookstore kill|restart}, e.g. {@code catalog-3}
   */
  public String node() {
    return service + "-" + replicaId;
  }
}
