package bookstore.platform.clients;

import bookstore.api.internal.Heartbeat;
import bookstore.platform.messaging.JsonMessages;
import bookstore.platform.security.ClusterSecret;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Asks replicas for their heartbeat ({@code GET /replica/heartbeat}) without blocking: the one way
 * replicas (each other) and the front end (every replica) tell who is alive. A heartbeat times out
 * after one interval; a loaded replica answers late, not never, and is given its allowed misses by
 * the caller, while one whose port refuses the connection is reported as {@linkplain
 * Answer#refused() refused}: its process is gone.
 */
public final class HeartbeatProbe {
  private final HttpClient http;
  private final Duration timeout;

  /**
   * The outcome of one heartbeat.
   *
   * @param heartbeat the replica's answer, null when it gave none
   * @param refused whether its port refused the connection
   */
  public record Answer(Heartbeat heartbeat, boolean refused) {}

  /** {@link #ask}'s {@code from} for a caller that is no replica (a front end). */
  public static final int NOT_A_REPLICA = 0;

  /**
   * @param intervalMs the heartbeat interval (ms): each heartbeat's timeout, at least 100 ms
   */
  public HeartbeatProbe(long intervalMs) {
    this.timeout = Duration.ofMillis(Math.max(100, intervalMs));
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .build();
  }

  /**
   * @param baseUrl a replica's base URL
   * @param from the asking replica's id, or {@link #NOT_A_REPLICA} (a front end): an answer to the
   *     primary it names renews that primary's lease, and the answering replica notes when (see
   *     {@link bookstore.api.internal.StepDownAnswer#leaseGrantedMsAgo()})
   * @return its answer once it arrives or the timeout passes; never completes exceptionally
   */
  public CompletableFuture<Answer> ask(String baseUrl, int from) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(baseUrl + "/replica/heartbeat?from=" + from))
            .timeout(timeout)
            .GET();
    ClusterSecret.value().ifPresent(secret -> builder.header(ClusterSecret.HEADER, secret));
    HttpRequest request = builder.build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .handle(
            (response, failure) ->
                failure == null && response.statusCode() == 200
                    ? new Answer(JsonMessages.fromJson(response.body(), Heartbeat.class), false)
                    : new Answer(null, failure != null && ConnectionRefused.in(failure)));
  }
}
