package bookstore.platform.routing;

import bookstore.platform.clients.HeartbeatProbe;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One heartbeat round over the replicas of some services (SPEC "Replication"): asks every replica
 * for its heartbeat, all at once, and tells its {@link ReplicaRouter} what it heard. A replica that
 * misses {@code allowedMisses} rounds in a row, or whose port refuses the connection (its process
 * is gone), is dead to the router until it answers again. An EJB timer of each node that routes
 * calls runs {@link #beat} every interval (the front end's {@code ReplicaMonitor}, the order
 * service's {@code CatalogMonitor}).
 */
public final class ReplicaHeartbeats {
  private final HeartbeatProbe probe;
  private final int allowedMisses;
  private final Map<String, Integer> misses = new HashMap<>();

  /**
   * @param intervalMs the heartbeat interval, ms: each heartbeat's timeout
   * @param allowedMisses heartbeats a replica may miss in a row before it counts as dead
   */
  public ReplicaHeartbeats(long intervalMs, int allowedMisses) {
    this.probe = new HeartbeatProbe(intervalMs);
    this.allowedMisses = allowedMisses;
  }

  /**
   * Runs one round and returns when every replica has answered or timed out.
   *
   * @param routers the services whose replicas to ask
   */
  public void beat(List<? extends ReplicaRouter<?>> routers) {
    List<CompletableFuture<Void>> calls = new ArrayList<>();
    for (ReplicaRouter<?> router : routers) {
      List<String> urls = router.urls();
      for (int i = 0; i < urls.size(); i++) {
        int id = i + 1;
        String url = urls.get(i);
        calls.add(
            probe
                .ask(url, HeartbeatProbe.NOT_A_REPLICA)
                .thenAccept(answer -> record(router, id, url, answer)));
      }
    }
    CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
  }

  private synchronized void record(
      ReplicaRouter<?> router, int id, String url, HeartbeatProbe.Answer answer) {
    if (answer.heartbeat() != null) {
      misses.put(url, 0);
      router.heard(id, answer.heartbeat());
    } else if (answer.refused() || misses.merge(url, 1, Integer::sum) >= allowedMisses) {
      router.heard(id, null);
    }
  }
}
