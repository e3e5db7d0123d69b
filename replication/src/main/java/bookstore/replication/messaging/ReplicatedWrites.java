package bookstore.replication.messaging;

import bookstore.api.WriteStamp;
import bookstore.platform.messaging.JsonMessages;
import bookstore.replication.ReplicationLog;
import bookstore.replication.WriteSequencer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * How a primary hands a sequenced write to its backups: keeps it in its own write log and
 * publishes it on the service's update topic, both in the write's transaction (XA through the
 * Artemis resource adapter), so the write, its log entry and its message commit or roll back
 * together.
 */
@ApplicationScoped
public class ReplicatedWrites {
  @Inject ReplicationLog log;
  @Inject TopicPublisher publisher;

  /**
   * @param stamp the write's stamp from {@link WriteSequencer}
   * @param topic the service's update topic, e.g. {@code catalog.updates}
   * @param update the update record, carrying {@code stamp}
   */
  @Transactional(TxType.MANDATORY)
  public void replicate(WriteStamp stamp, String topic, Object update) {
    String json = JsonMessages.toJson(update);
    log.append(stamp, json);
    publisher.publish(topic, json);
  }
}
