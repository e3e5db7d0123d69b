package bookstore.chaos.store;

import bookstore.api.internal.ItemRead;
import bookstore.api.internal.ReplicaStatus;
import bookstore.api.replication.OrderUpdate;
import bookstore.chaos.check.ReplicaState;
import bookstore.chaos.check.StoreState;
import bookstore.client.StoreHttp;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Reads what every replica holds, for the history check: its position ({@code GET /replica}), an
 * order replica's orders ({@code GET /replica/snapshot}) and a catalog replica's stock of the run's
 * items ({@code GET /catalog/items/{id}}). Replicas answer only their cluster: every request
 * carries the cluster secret.
 */
public final class ReplicaStateReader {
  /** The header that carries the cluster secret (the platform's {@code ClusterSecret.HEADER}). */
  static final String CLUSTER_SECRET_HEADER = "Bookstore-Cluster-Secret";

  /** How long one replica may take to answer one request. */
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private static final Jsonb JSONB = JsonbBuilder.create();

  private final StoreHttp http;
  private final Map<String, String> headers;

  /** A replica's snapshot answer ({@code GET /replica/snapshot}); {@code state} is JSON. */
  public record Snapshot(long epoch, long sequence, String state) {}

  /** An order replica's snapshot state: its orders as replicated writes. */
  public record OrderSnapshot(List<OrderUpdate> orders) {}

  /**
   * @param http any store client (only its transport is used)
   * @param clusterSecret the cluster's secret, as {@code ./bookstore start} generated it
   */
  public ReplicaStateReader(StoreHttp http, String clusterSecret) {
    this.http = http;
    this.headers =
        clusterSecret == null || clusterSecret.isEmpty()
            ? Map.of()
            : Map.of(CLUSTER_SECRET_HEADER, clusterSecret);
  }

  /**
   * Waits until the replicas of each service report one position (sequence number and digest), then
   * reads their state; after {@code atMost} it reads them as they are, and the check reports them
   * not converged.
   *
   * @param replicas every replica by node name ({@code catalog-1}, {@code order-3}, ...) and base
   *     URL
   * @param items the run's items, whose stock each catalog replica is asked for
   * @param atMost how long to wait for them to converge
   * @return every replica's state, unreachable ones included
   */
  public StoreState awaitConvergedState(
      Map<String, URI> replicas, List<Integer> items, Duration atMost) {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (!converged(replicas) && System.nanoTime() - deadline < 0) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
    }
    return read(replicas, items);
  }

  private boolean converged(Map<String, URI> replicas) {
    Map<String, Set<String>> positions = new HashMap<>();
    for (Map.Entry<String, URI> replica : replicas.entrySet()) {
      String position =
          status(replica.getValue())
              .map(s -> s.lastSequence() + "/" + s.digest())
              .orElse("unreachable");
      positions
          .computeIfAbsent(ReplicaState.service(replica.getKey()), s -> new HashSet<>())
          .add(position);
    }
    return positions.values().stream().allMatch(p -> p.size() == 1 && !p.contains("unreachable"));
  }

  /**
   * @param replicas every replica by node name and base URL
   * @param items the run's items
   * @return every replica's state now
   */
  public StoreState read(Map<String, URI> replicas, List<Integer> items) {
    List<ReplicaState> catalog = new ArrayList<>();
    List<ReplicaState> order = new ArrayList<>();
    replicas.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            r -> {
              boolean isCatalog = ReplicaState.service(r.getKey()).equals("catalog");
              ReplicaState state = state(r.getKey(), r.getValue(), isCatalog, items);
              (isCatalog ? catalog : order).add(state);
            });
    return new StoreState(catalog, order);
  }

  private ReplicaState state(String node, URI url, boolean catalog, List<Integer> items) {
    try {
      ReplicaStatus status = JSONB.fromJson(get(url.resolve("/replica")), ReplicaStatus.class);
      List<OrderUpdate> orders = List.of();
      Map<Integer, Integer> stock = new HashMap<>();
      if (catalog) {
        for (int item : items) {
          ItemRead read =
              JSONB.fromJson(get(url.resolve("/catalog/items/" + item)), ItemRead.class);
          stock.put(item, read.item().stock());
        }
      } else {
        Snapshot snapshot = JSONB.fromJson(get(url.resolve("/replica/snapshot")), Snapshot.class);
        orders = JSONB.fromJson(snapshot.state(), OrderSnapshot.class).orders();
      }
      return new ReplicaState(
          node, status.epoch(), status.lastSequence(), status.digest(), orders, stock);
    } catch (IOException | RuntimeException e) {
      return ReplicaState.unreachable(node);
    }
  }

  private Optional<ReplicaStatus> status(URI url) {
    try {
      return Optional.of(JSONB.fromJson(get(url.resolve("/replica")), ReplicaStatus.class));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private String get(URI uri) throws IOException {
    StoreHttp.Answer answer = http.send(new StoreHttp.Request("GET", uri, headers, null, TIMEOUT));
    if (answer.status() != 200) {
      throw new IOException("GET " + uri + " answered " + answer.status() + ": " + answer.body());
    }
    return answer.body();
  }
}
