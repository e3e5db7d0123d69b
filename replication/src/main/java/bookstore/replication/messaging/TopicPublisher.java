package bookstore.replication.messaging;

import bookstore.platform.messaging.JsonMessages;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;

/**
 * Publishes JSON messages to Artemis topics inside the caller's JTA transaction, through the
 * Artemis resource adapter ({@code artemis-rar}) with XA: the message is sent if and only if
 * the caller's database write commits (SPEC "Replication": no window where one happens and the
 * other is lost). Messages are persistent, so the broker's journal keeps them across a crash.
 * Which broker: the adapter's {@code ConnectionParameters}, set per node by the start script.
 */
@ConnectionFactoryDefinition(
    name = TopicPublisher.CONNECTION_FACTORY,
    interfaceName = "jakarta.jms.ConnectionFactory",
    resourceAdapter = "artemis-rar",
    transactionSupport = TransactionSupportLevel.XATransaction,
    // few idle connections: when the broker dies, each one pooled costs a send timeout to evict
    minPoolSize = 1)
@Stateless
public class TopicPublisher {
  /** JNDI name of the XA connection factory. */
  public static final String CONNECTION_FACTORY = "java:app/jms/BrokerConnectionFactory";

  @Resource(lookup = CONNECTION_FACTORY)
  ConnectionFactory connectionFactory;

  /**
   * Sends one persistent message; it reaches subscribers only when the caller's transaction
   * commits.
   *
   * @param topic address name, e.g. {@code catalog.updates}
   * @param message a record from {@code bookstore.api}, sent as JSON text, or JSON text itself
   * @throws jakarta.jms.JMSRuntimeException when the broker cannot be reached; the caller's
   *     transaction then rolls back
   */
  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  public void publish(String topic, Object message) {
    try (JMSContext context = connectionFactory.createContext()) {
      context
          .createProducer()
          .setDeliveryMode(DeliveryMode.PERSISTENT)
          .send(
              context.createTopic(topic),
              message instanceof String json ? json : JsonMessages.toJson(message));
    }
  }
}
