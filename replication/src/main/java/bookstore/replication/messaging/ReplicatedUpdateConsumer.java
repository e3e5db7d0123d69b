package bookstore.replication.messaging;

import bookstore.replication.Membership;
import bookstore.replication.ReplicaApplier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Consumes the service's update topic ({@link ReplicaIdentity#updatesTopic()}: {@code
 * catalog.updates} or {@code order.updates}) through this replica's own durable subscription
 * ({@link ReplicaIdentity#subscription()}: one per replica id, so a replica that was down finds
 * what it missed waiting there), on one thread, so writes arrive in the order the primary published
 * them.
 *
 * <p>The subscription leaves out the updates this replica wrote itself as primary (a selector on
 * {@link OutboxPublisher#WRITER}): it holds each of them already, and skipping them here saved the
 * broker and the primary two of the seven deliveries of a buy. A replica that lost its database
 * after publishing gets such writes back from a peer's snapshot or log ({@link
 * bookstore.replication.CatchUpTimer}), as it does any write it missed. A message without the
 * property reaches every replica. The broker keeps the selector of the subscription's first
 * creation (Artemis does not change an existing shared subscription's filter), so a subscription
 * made without it goes on delivering a replica's own writes, which the applier skips by sequence
 * number.
 *
 * <p>Applies in batches: whatever has arrived when the thread takes the next write (up to {@link
 * #MAX_BATCH}) is applied by the {@link ReplicaApplier} in one local Derby transaction, and the
 * batch is acknowledged (the transacted session commits) only after that transaction has committed.
 * A crash between the two redelivers writes the applier recognises by their sequence numbers and
 * skips. A batch that fails is rolled back (redelivered) and retried one write at a time, so one
 * unreadable message cannot hold back the others; the broker moves a message that keeps failing to
 * its dead-letter address, and the gap it leaves is filled from the primary's log. While the broker
 * is unreachable the thread opens a new connection every 500 ms.
 */
@ApplicationScoped
public class ReplicatedUpdateConsumer extends BrokerClient {
  private static final Logger LOG = Logger.getLogger(ReplicatedUpdateConsumer.class.getName());

  /** Most writes applied in one database transaction (items). */
  static final int MAX_BATCH = 200;

  /** How long one receive waits for a write, and the pause between reconnection attempts (ms). */
  private static final long WAIT_MS = 500;

  @Inject ReplicaApplier applier;
  @Inject Membership membership;

  private MessageConsumer consumer;

  void startWithTheApplication(@Observes @Initialized(ApplicationScoped.class) Object started) {
    start("update-consumer", this::run);
    LOG.info(
        "applying "
            + identity.updatesTopic()
            + " from subscription "
            + identity.subscription()
            + " on "
            + broker);
  }

  @Override
  void opened(Session session) throws JMSException {
    consumer =
        session.createSharedDurableConsumer(
            session.createTopic(identity.updatesTopic()),
            identity.subscription(),
            OutboxPublisher.WRITER
                + " IS NULL OR "
                + OutboxPublisher.WRITER
                + " <> "
                + identity.replicaId());
  }

  private void run() {
    int batchLimit = MAX_BATCH;
    while (running()) {
      try {
        Session session = session();
        List<String> batch = receiveBatch(batchLimit);
        if (batch.isEmpty()) {
          continue;
        }
        try {
          if (applier.applyDelivered(batch) > 0) {
            membership.delivered();
          }
        } catch (RuntimeException e) {
          LOG.log(
              Level.WARNING,
              "could not apply " + batch.size() + " replicated writes; they are redelivered",
              e);
          session.rollback();
          batchLimit = 1;
          continue;
        }
        session.commit();
        batchLimit = MAX_BATCH;
      } catch (JMSException | RuntimeException e) {
        if (!running()) {
          break;
        }
        LOG.log(
            Level.FINE,
            "update subscription " + identity.subscription() + " lost its broker; reconnecting",
            e);
        close();
        try {
          Thread.sleep(WAIT_MS); // a reconnection interval, not a wait for a condition
        } catch (InterruptedException interrupted) {
          break;
        }
      }
    }
    close();
  }

  /**
   * @return the next write and every one already delivered after it, up to {@code limit}; empty
   *     after a quiet wait
   */
  private List<String> receiveBatch(int limit) throws JMSException {
    Message first = consumer.receive(WAIT_MS);
    if (first == null) {
      return List.of();
    }
    List<String> batch = new ArrayList<>();
    batch.add(first.getBody(String.class));
    while (batch.size() < limit) {
      Message next = consumer.receiveNoWait();
      if (next == null) {
        break;
      }
      batch.add(next.getBody(String.class));
    }
    return batch;
  }
}
