package bookstore.frontend.infrastructure.messaging;

import bookstore.api.replication.UpdateTopics;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether the cache's invalidation consumer is connected: the broker confirmed its subscription to
 * {@value UpdateTopics#CATALOG} ({@link UpdateTopics#SUBSCRIBED}), so every catalog write from then
 * on reaches the cache. The front end is not ready before. A reconnection after a broker restart or
 * a failover to the backup broker brings a new confirmation of a new subscription; the last one is
 * kept.
 */
@ApplicationScoped
public class InvalidationSubscription {
  private final AtomicLong confirmedAtMs = new AtomicLong();

  /**
   * @param brokerTimeMs when the broker created the consumer, ms since the epoch
   * @return whether an earlier subscription was confirmed before this one: the subscription is
   *     non-durable, so writes published between the two never reached this front end
   */
  boolean confirmed(long brokerTimeMs) {
    return confirmedAtMs.getAndAccumulate(Math.max(1, brokerTimeMs), Math::max) != 0;
  }

  /**
   * @return when the broker last confirmed the subscription (ms since the epoch), or empty if it
   *     never has since this front end started
   */
  public OptionalLong confirmedAtMs() {
    long at = confirmedAtMs.get();
    return at == 0 ? OptionalLong.empty() : OptionalLong.of(at);
  }
}
