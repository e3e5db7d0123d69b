package bookstore.frontend.infrastructure.replicas;

import bookstore.platform.clients.HeartbeatProbe;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The front end's heartbeats (SPEC "Replication"): an EJB timer that every {@code
 * bookstore.heartbeat.interval-ms} (default 1,000 ms) asks every replica of both services for
 * its heartbeat, all at once; a replica that misses {@code bookstore.heartbeat.misses} (default
 * 3) in a row, or whose port refuses the connection (its process is gone), is dead to the {@link
 * ReplicaDirectory} until it answers again.
 */
@Singleton
@Startup
public class ReplicaMonitor {
  @Resource TimerService timers;
  @Inject ReplicaDirectory directory;

  @Inject
  @ConfigProperty(name = "bookstore.heartbeat.interval-ms", defaultValue = "1000")
  long intervalMs;

  @Inject
  @ConfigProperty(name = "bookstore.heartbeat.misses", defaultValue = "3")
  int allowedMisses;

  private HeartbeatProbe probe;
  private final Map<String, Integer> misses = new HashMap<>();

  @PostConstruct
  void schedule() {
    probe = new HeartbeatProbe(intervalMs);
    timers.createIntervalTimer(0, intervalMs, new TimerConfig("replica-heartbeat", false));
  }

  @Timeout
  void beat() {
    List<CompletableFuture<Void>> calls = new ArrayList<>();
    for (ServiceReplicas<?> service : directory.services()) {
      List<String> urls = service.urls();
      for (int i = 0; i < urls.size(); i++) {
        int id = i + 1;
        String url = urls.get(i);
        calls.add(probe.ask(url).thenAccept(answer -> record(service, id, url, answer)));
      }
    }
    CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
  }

  private synchronized void record(ServiceReplicas<?> service, int id, String url, HeartbeatProbe.Answer answer) {
    if (answer.heartbeat() != null) {
      misses.put(url, 0);
      directory.heard(service, id, answer.heartbeat());
    } else if (answer.refused() || misses.merge(url, 1, Integer::sum) >= allowedMisses) {
      directory.heard(service, id, null);
    }
  }
}
