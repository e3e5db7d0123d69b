package bookstore.replication.messaging;

import bookstore.replication.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Timer;

/**
 * The outbox's publisher thread ({@link Outbox#runPublisher}) and its broker connection: one plain
 * (non-XA) Artemis connection per node, one transacted session, persistent messages to the
 * service's update topic. A batch is its sends plus one commit: one round trip and one journal sync
 * on the broker for every write in it; a commit the broker does not confirm within its call timeout
 * counts as failed and the batch is sent again.
 *
 * <p>When the broker goes, the connection's exception listener tells the outbox at once (new writes
 * are refused, callers waiting for a publication answered), and the outbox's loop opens a new
 * connection every 500 ms until the broker answers ({@link BrokerClient}).
 */
@ApplicationScoped
public class OutboxPublisher extends BrokerClient implements Outbox.Sender {
  /**
   * The message property (an int) naming the replica id that wrote the update: its own durable
   * subscription leaves such messages out ({@link ReplicatedUpdateConsumer}), since the writer
   * holds each of its writes already.
   */
  public static final String WRITER = "writer";

  private static final Logger LOG = Logger.getLogger(OutboxPublisher.class.getName());

  @Inject Outbox outbox;
  @Inject MetricRegistry metrics;

  private MessageProducer producer;
  private Timer publishTime;

  void startWithTheApplication(@Observes @Initialized(ApplicationScoped.class) Object started) {
    publishTime =
        metrics.timer(
            Metadata.builder()
                .withName("bookstore.outbox.publish")
                .withUnit(MetricUnits.NANOSECONDS)
                .withDescription(
                    "batches of writes published to the broker (sends plus one commit), and how long each took")
                .build());
    start(
        "outbox-publisher",
        () -> {
          outbox.runPublisher(this, this::running);
          close();
        });
    LOG.info("outbox publisher sends to " + identity.updatesTopic() + " on " + broker);
  }

  @Override
  void opened(Session session) throws JMSException {
    producer = session.createProducer(session.createTopic(identity.updatesTopic()));
    producer.setDeliveryMode(DeliveryMode.PERSISTENT);
    producer.setDisableMessageID(true);
    producer.setDisableMessageTimestamp(true);
  }

  @Override
  void connectionLost() {
    outbox.brokerLost();
  }

  @Override
  public void connect() throws JMSException {
    session();
  }

  @Override
  public void send(List<Outbox.Entry> batch) throws JMSException {
    long start = System.nanoTime();
    try {
      Session session = session();
      for (Outbox.Entry entry : batch) {
        TextMessage message = session.createTextMessage(entry.json());
        message.setIntProperty(WRITER, identity.replicaId());
        producer.send(message);
      }
      session.commit();
      publishTime.update(Duration.ofNanos(System.nanoTime() - start));
    } catch (JMSException | RuntimeException e) {
      close(); // the next attempt starts on a new connection
      throw e;
    }
  }
}
