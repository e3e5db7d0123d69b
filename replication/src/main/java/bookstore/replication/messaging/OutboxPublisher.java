package bookstore.replication.messaging;

import bookstore.replication.Outbox;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.util.List;
import java.util.logging.Logger;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The outbox's publisher thread ({@link Outbox#runPublisher}) and its broker connection: one
 * plain (non-XA) Artemis connection per node, one transacted session, persistent messages to the
 * service's update topic ({@code bookstore.updates.topic}, from {@code BOOKSTORE_UPDATES_TOPIC}:
 * {@code catalog.updates} or {@code order.updates}). A batch is its sends plus one commit: one
 * round trip and one journal sync on the broker for every write in it.
 *
 * <p>The connection does not reconnect by itself ({@code reconnectAttempts=0}): when the broker
 * goes, the connection's exception listener tells the outbox at once (new writes are refused,
 * callers waiting for a publication answered), and the outbox's loop opens a new connection every
 * 500 ms until the broker answers. Which broker: {@link BrokerAddress}.
 */
@ApplicationScoped
public class OutboxPublisher implements Outbox.Sender {
  private static final Logger LOG = Logger.getLogger(OutboxPublisher.class.getName());

  @Inject Outbox outbox;

  @Resource ManagedThreadFactory threads;

  @Inject BrokerAddress broker;

  @Inject
  @ConfigProperty(name = "bookstore.updates.topic")
  String topic;

  private volatile boolean running = true;
  private Thread thread;
  private ActiveMQConnectionFactory factory;
  // used by the publisher thread only
  private Connection connection;
  private Session session;
  private MessageProducer producer;
  /** Set by the connection's exception listener (a broker thread): the connection is gone. */
  private volatile boolean lost;

  void startWithTheApplication(@Observes @Initialized(ApplicationScoped.class) Object started) {
    // a commit the broker does not confirm within its call timeout counts as failed (sent again)
    factory = broker.connectionFactory();
    thread = threads.newThread(() -> outbox.runPublisher(this, () -> running));
    thread.setName("outbox-publisher");
    thread.start();
    LOG.info("outbox publisher sends to " + topic + " on " + broker);
  }

  @PreDestroy
  void stop() {
    running = false;
    if (thread != null) {
      thread.interrupt();
    }
    close();
  }

  @Override
  public void connect() throws JMSException {
    if (lost) {
      close();
    }
    if (session != null) {
      return;
    }
    Connection opened = factory.createConnection();
    try {
      opened.setExceptionListener(
          e -> {
            if (connection == opened) {
              lost = true;
              outbox.brokerLost();
            }
          });
      Session transacted = opened.createSession(true, Session.SESSION_TRANSACTED);
      MessageProducer p = transacted.createProducer(transacted.createTopic(topic));
      p.setDeliveryMode(DeliveryMode.PERSISTENT);
      p.setDisableMessageID(true);
      p.setDisableMessageTimestamp(true);
      connection = opened;
      session = transacted;
      producer = p;
    } catch (JMSException | RuntimeException e) {
      BrokerAddress.closeQuietly(opened);
      throw e;
    }
  }

  @Override
  public void send(List<Outbox.Entry> batch) throws JMSException {
    try {
      connect();
      for (Outbox.Entry entry : batch) {
        producer.send(session.createTextMessage(entry.json()));
      }
      session.commit();
    } catch (JMSException | RuntimeException e) {
      close(); // the next attempt starts on a new connection
      throw e;
    }
  }

  private void close() {
    lost = false;
    Connection open = connection;
    connection = null;
    session = null;
    producer = null;
    BrokerAddress.closeQuietly(open);
  }
}
