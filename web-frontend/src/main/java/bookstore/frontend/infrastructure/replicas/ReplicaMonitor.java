package bookstore.frontend.infrastructure.replicas;

import bookstore.platform.clients.ConnectionRefused;
import bookstore.platform.clients.Heartbeat;
import bookstore.platform.messaging.JsonMessages;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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

  private HttpClient http;
  private final Map<String, Integer> misses = new HashMap<>();

  @PostConstruct
  void schedule() {
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout()).build();
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
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/replica/heartbeat")).timeout(timeout()).GET().build();
        calls.add(
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle(
                    (response, failure) -> {
                      Heartbeat heartbeat =
                          failure == null && response.statusCode() == 200
                              ? JsonMessages.fromJson(response.body(), Heartbeat.class)
                              : null;
                      record(service, id, url, heartbeat, failure != null && ConnectionRefused.in(failure));
                      return null;
                    }));
      }
    }
    CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
  }

  private synchronized void record(ServiceReplicas<?> service, int id, String url, Heartbeat heartbeat, boolean refused) {
    if (heartbeat != null) {
      misses.put(url, 0);
      directory.heard(service, id, heartbeat);
    } else if (refused || misses.merge(url, 1, Integer::sum) >= allowedMisses) {
      directory.heard(service, id, null);
    }
  }

  private Duration timeout() {
    return Duration.ofMillis(Math.max(100, intervalMs));
  }
}
