package bookstore.replication.messaging;

import bookstore.api.replication.WriteStamp;
import bookstore.platform.messaging.JsonMessages;
import bookstore.replication.Outbox;
import bookstore.replication.ReplicationLog;
import bookstore.replication.ServerResources;
import bookstore.replication.WriteSequencer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * How a primary hands a sequenced write to its backups and front ends: it keeps the write in its
 * own write log, in the write's local transaction, and once that transaction has committed it hands
 * the entry to the {@link Outbox}, whose publisher sends it on the service's update topic in
 * sequence order. The request that made the write is acknowledged only once the broker holds it
 * (the outbox's acknowledgement filter). A write that rolls back leaves no log entry and sends
 * nothing.
 */
@ApplicationScoped
public class ReplicatedWrites {
  @Inject ReplicationLog log;
  @Inject Outbox outbox;

  /**
   * @param stamp the write's stamp from {@link WriteSequencer}
   * @param update the update record, carrying {@code stamp}, sent as JSON
   */
  @Transactional(TxType.MANDATORY)
  public void replicate(WriteStamp stamp, Object update) {
    String json = JsonMessages.toJson(update);
    log.append(stamp, json);
    ServerResources.transactions()
        .registerInterposedSynchronization(
            new Synchronization() {
              @Override
              public void beforeCompletion() {}

              @Override
              public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                  outbox.committed(new Outbox.Entry(stamp.sequence(), json));
                  outbox.acknowledgeAfter(stamp.sequence());
                }
              }
            });
  }
}
