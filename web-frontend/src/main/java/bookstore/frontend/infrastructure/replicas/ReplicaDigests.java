package bookstore.frontend.infrastructure.replicas;

import bookstore.api.ProblemException;
import bookstore.platform.clients.ReplicaApi;
import bookstore.platform.clients.RestClients;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each replica's state digest (SPEC guarantee 4), for the admin page: heartbeats carry none,
 * because a digest reads the whole state. Asked of the replica ({@code GET /replica}) at most every
 * {@link #FRESH_MS} ms per replica, waiting {@link #TIMEOUT_MS} ms at most.
 */
@ApplicationScoped
public class ReplicaDigests {
  /** How long a digest is shown before it is asked for again (ms). */
  static final long FRESH_MS = 2_000;

  /** Read timeout of the status call (ms): a frozen replica must not hold the page up. */
  static final long TIMEOUT_MS = 1_000;

  private record Known(String digest, long atMs) {}

  private final Map<String, ReplicaApi> clients = new ConcurrentHashMap<>();
  private final Map<String, Known> known = new ConcurrentHashMap<>();

  /**
   * @param url a replica's base URL
   * @return its digest as it last answered (64 hex characters), or "" when it has never answered
   */
  public String digestOf(String url) {
    Known last = known.get(url);
    if (last != null && System.currentTimeMillis() - last.atMs() < FRESH_MS) {
      return last.digest();
    }
    try {
      String digest =
          clients
              .computeIfAbsent(url, u -> RestClients.build(u, ReplicaApi.class, TIMEOUT_MS))
              .status()
              .digest();
      known.put(url, new Known(digest, System.currentTimeMillis()));
      return digest;
    } catch (ProcessingException | ProblemException e) {
      return last == null ? "" : last.digest();
    }
  }
}
