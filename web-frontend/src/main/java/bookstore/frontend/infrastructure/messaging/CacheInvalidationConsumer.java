package bookstore.frontend.infrastructure.messaging;

import bookstore.api.replication.CatalogUpdate;
import bookstore.api.replication.UpdateTopics;
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
 * Drops cached entries when the catalog says an item changed: consumes the catalog's replicated
 * writes ({@code catalog.updates}, the same messages the catalog backups apply: one message per
 * write) through the Artemis resource adapter. The subscription is non-durable: the cache lives in
 * memory and starts empty after a restart, so nothing missed while down matters. No transaction:
 * dropping an entry twice is harmless, and so is a write published twice by a new primary. A
 * message that cannot be handled is thrown back, for the broker to redeliver and in the end move to
 * the dead-letter address. The broker's confirmation that the subscription exists ({@link
 * UpdateTopics#SUBSCRIBED}) is passed to {@link InvalidationSubscription}; a confirmation after an
 * earlier one means the subscription was lost and made anew (a broker restart or failover), so the
 * whole cache is dropped: the writes published in between reached no one here.
 */
@MessageDriven(
    activationConfig = {
      @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "artemis-rar"),
      @ActivationConfigProperty(
          propertyName = "destinationType",
          propertyValue = "jakarta.jms.Topic"),
      @ActivationConfigProperty(propertyName = "destination", propertyValue = UpdateTopics.CATALOG),
      @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
      @ActivationConfigProperty(
          propertyName = "subscriptionDurability",
          propertyValue = "NonDurable"),
      @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "2"),
      // the broker user "frontend" (may only consume catalog.updates), from the environment that
      // ./bookstore gives this node; Payara substitutes ${ENV=...} in activation properties
      @ActivationConfigProperty(
          propertyName = "user",
          propertyValue = "${ENV=BOOKSTORE_BROKER_USER}"),
      @ActivationConfigProperty(
          propertyName = "password",
          propertyValue = "${ENV=BOOKSTORE_BROKER_PASSWORD}")
    })
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CacheInvalidationConsumer implements MessageListener {
  @Inject ReadCache cache;
  @Inject InvalidationTimes times;
  @Inject InvalidationSubscription subscription;

  @Override
  public void onMessage(Message message) {
    CatalogUpdate update;
    try {
      if (message.propertyExists(UpdateTopics.SUBSCRIBED)) {
        if (subscription.confirmed(message.getLongProperty(UpdateTopics.SUBSCRIBED))) {
          // a new subscription after a lost one: invalidations sent in between were missed
          cache.flush();
        }
        return;
      }
      update = JsonMessages.fromJson(message.getBody(String.class), CatalogUpdate.class);
    } catch (JMSException e) {
      throw new IllegalStateException("unreadable catalog update message", e);
    }
    long sequence = update.stamp().sequence();
    cache.invalidateItem(update.item().id(), sequence);
    if (update.item().topic() != null) {
      cache.invalidateTopic(update.item().topic(), sequence);
    }
    times.record(update.writtenAtMs());
  }
}
