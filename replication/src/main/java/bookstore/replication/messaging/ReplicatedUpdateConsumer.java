package bookstore.replication.messaging;

import bookstore.replication.Membership;
import bookstore.replication.ReplicaApplier;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Consumes the service's update topic ({@code BOOKSTORE_UPDATES_TOPIC}: {@code catalog.updates}
 * or {@code order.updates}) through a durable subscription of its own ({@code
 * BOOKSTORE_SUBSCRIPTION}, one per replica id), one message at a time ({@code maxSession=1}
 * keeps the order), and hands each write to the {@link ReplicaApplier}, which applies it in a
 * local database transaction of its own. The message is acknowledged after that commits, outside
 * any XA transaction: a crash between the commit and the acknowledgement redelivers a write the
 * applier recognises by its sequence number and skips, so a two-phase commit per applied write
 * (the broker's prepare and commit records, the transaction manager's log) would buy nothing. A
 * replica that was down finds what it missed waiting in its subscription. A message that fails is
 * thrown back for the broker to redeliver, and in the end to move to the dead-letter address.
 */
@MessageDriven(
    activationConfig = {
      @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "artemis-rar"),
      @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
      @ActivationConfigProperty(propertyName = "destination", propertyValue = "${ENV=BOOKSTORE_UPDATES_TOPIC}"),
      @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
      @ActivationConfigProperty(propertyName = "subscriptionDurability", propertyValue = "Durable"),
      @ActivationConfigProperty(propertyName = "subscriptionName", propertyValue = "${ENV=BOOKSTORE_SUBSCRIPTION}"),
      @ActivationConfigProperty(propertyName = "shareSubscriptions", propertyValue = "true"),
      @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1")
    })
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ReplicatedUpdateConsumer implements MessageListener {
  @Inject ReplicaApplier applier;
  @Inject Membership membership;

  @Override
  public void onMessage(Message message) {
    try {
      if (applier.applyDelivered(message.getBody(String.class))) {
        membership.delivered();
      }
    } catch (JMSException e) {
      throw new IllegalStateException("unreadable update message", e);
    }
  }
}
