package bookstore.frontend.infrastructure.messaging;

import bookstore.api.CacheInvalidation;
import bookstore.frontend.infrastructure.cache.InvalidationTimes;
import bookstore.frontend.infrastructure.cache.ReadCache;
import bookstore.platform.messaging.JsonMessages;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Drops cached entries when the catalog says an item changed: consumes {@code
 * cache.invalidations} through the Artemis resource adapter. The subscription is non-durable:
 * the cache lives in memory and starts empty after a restart, so nothing missed while down
 * matters. No transaction: dropping an entry twice is harmless. A message that cannot be handled is thrown back, for the broker to redeliver and in
 * the end move to the dead-letter address.
 */
@MessageDriven(
    activationConfig = {
      @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "artemis-rar"),
      @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
      @ActivationConfigProperty(propertyName = "destination", propertyValue = "cache.invalidations"),
      @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
      @ActivationConfigProperty(propertyName = "subscriptionDurability", propertyValue = "NonDurable"),
      @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "2")
    })
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CacheInvalidationConsumer implements MessageListener {
  @Inject ReadCache cache;
  @Inject InvalidationTimes times;

  @Override
  public void onMessage(Message message) {
    CacheInvalidation invalidation;
    try {
      invalidation = JsonMessages.fromJson(message.getBody(String.class), CacheInvalidation.class);
    } catch (JMSException e) {
      throw new IllegalStateException("unreadable invalidation message", e);
    }
    cache.invalidateItem(invalidation.itemId(), invalidation.sequence());
    if (invalidation.topic() != null) {
      cache.invalidateTopic(invalidation.topic(), invalidation.sequence());
    }
    times.record(invalidation.writtenAtMs());
  }
}
