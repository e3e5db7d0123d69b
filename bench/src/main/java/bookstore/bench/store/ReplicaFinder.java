package bookstore.bench.store;

import bookstore.api.internal.ReplicaStatus;
import bookstore.client.StoreHttp;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the live replicas and the primary of each service. Asks the front end ({@code GET
 * /api/admin/replicas}) when it answers, else asks every replica port for {@code GET /replica}: the
 * ports follow the cluster's layout, catalog-i at the front end's port + i and order-i at the front
 * end's port + 10 + i (i = 1..{@value #MAX_REPLICAS}).
 */
public final class ReplicaFinder {
  /** The most replicas per service {@code ./bookstore start} runs. */
  public static final int MAX_REPLICAS = 9;

  private static final Jsonb JSONB = JsonbBuilder.create();

  private final StoreHttp http;

  /**
   * @param http the store's front end
   */
  public ReplicaFinder(StoreHttp http) {
    this.http = http;
  }

  /** What {@code GET /api/admin/replicas} lists (fields as the front end names them). */
  public record Listed(String service, int replicaId, String url, String state, boolean primary) {}

  /**
   * @return the replicas that answer, of both services, in id order
   */
  public List<Replica> live() {
    List<Listed> listed = listed();
    List<Replica> replicas = new ArrayList<>();
    if (!listed.isEmpty()) {
      for (Listed r : listed) {
        if (!"dead".equals(r.state())) {
          replicas.add(new Replica(r.service(), r.replicaId(), URI.create(r.url()), r.primary()));
        }
      }
      return replicas;
    }
    int frontendPort = http.frontend().getPort();
    for (String service : List.of("catalog", "order")) {
      int base = frontendPort + (service.equals("catalog") ? 0 : 10);
      for (int id = 1; id <= MAX_REPLICAS; id++) {
        URI url = URI.create("http://" + http.frontend().getHost() + ":" + (base + id));
        status(url)
            .ifPresent(
                s ->
                    replicas.add(
                        new Replica(s.service(), s.replicaId(), url, "PRIMARY".equals(s.role()))));
      }
    }
    return replicas;
  }

  /**
   * @return every replica the front end lists ({@code GET /api/admin/replicas}), dead ones too, in
   *     its order; empty when the front end does not answer or does not list them
   */
  public List<Listed> listed() {
    String body = http.bodyIfOk(http.replicas());
    return body != null && body.trim().startsWith("[")
        ? List.of(JSONB.fromJson(body, Listed[].class))
        : List.of();
  }

  /**
   * @param service "catalog" or "order"
   * @return its primary now, if one answers
   */
  public Optional<Replica> primary(String service) {
    return live().stream().filter(r -> r.service().equals(service) && r.primary()).findFirst();
  }

  /**
   * @param service "catalog" or "order"
   * @return how many of its replicas answer
   */
  public long count(String service) {
    return live().stream().filter(r -> r.service().equals(service)).count();
  }

  private Optional<ReplicaStatus> status(URI url) {
    try {
      StoreHttp.Answer answer = http.send(StoreHttp.replicaStatus(url));
      return answer.status() == 200
          ? Optional.of(JSONB.fromJson(answer.body(), ReplicaStatus.class))
          : Optional.empty();
    } catch (IOException | RuntimeException notAReplica) {
      return Optional.empty();
    }
  }
}
