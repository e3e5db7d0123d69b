package bookstore.replication;

import bookstore.platform.clients.ConnectionRefused;
import bookstore.platform.clients.Heartbeat;
import bookstore.platform.messaging.JsonMessages;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Heartbeats (SPEC "Replication"): an EJB timer that every {@code bookstore.heartbeat.interval-ms}
 * (default 1,000 ms) asks every peer for its heartbeat, all at once, each with a timeout of one
 * interval (a loaded peer answers late, not never), then lets the {@link BullyElection} act on what it learned. A peer that misses
 * {@code bookstore.heartbeat.misses} (default 3) in a row counts as dead; one whose port refuses
 * the connection is dead at once (its process is gone: a {@code kill -9} is noticed within one
 * interval, which is what keeps a failover under 3 s).
 */
@Singleton
@Startup
@DependsOn(ReplicaStateInitializer.NAME)
public class HeartbeatTimer {
  private static final Logger LOG = Logger.getLogger(HeartbeatTimer.class.getName());

  @Resource TimerService timers;
  @Inject ReplicaIdentity identity;
  @Inject Membership membership;
  @Inject BullyElection election;

  private HttpClient http;

  @PostConstruct
  void schedule() {
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout()).build();
    election.restore();
    long interval = membership.intervalMs();
    timers.createIntervalTimer(interval, interval, new TimerConfig("heartbeat", false));
  }

  @Timeout
  void beat() {
    List<CompletableFuture<Void>> calls = new ArrayList<>();
    List<String> peers = identity.peers();
    for (int id = 1; id <= peers.size(); id++) {
      if (id == identity.replicaId()) {
        continue;
      }
      int peerId = id;
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(peers.get(id - 1) + "/replica/heartbeat")).timeout(timeout()).GET().build();
      calls.add(
          http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
              .thenAccept(
                  r -> {
                    if (r.statusCode() == 200) {
                      membership.heard(JsonMessages.fromJson(r.body(), Heartbeat.class));
                    }
                  })
              .exceptionally(
                  failure -> {
                    if (ConnectionRefused.in(failure)) {
                      membership.refused(peerId);
                    }
                    return null;
                  }));
    }
    CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
    try {
      election.act();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "election step failed; next heartbeat tries again", e);
    }
  }

  private Duration timeout() {
    return Duration.ofMillis(Math.max(100, membership.intervalMs()));
  }
}
