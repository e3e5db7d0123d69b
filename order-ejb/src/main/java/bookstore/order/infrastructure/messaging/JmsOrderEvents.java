package bookstore.order.infrastructure.messaging;

import bookstore.api.replication.OrderUpdate;
import bookstore.order.application.OrderEvents;
import bookstore.replication.messaging.ReplicatedWrites;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Replicates new orders on {@code order.updates} through the primary's outbox. */
@ApplicationScoped
public class JmsOrderEvents implements OrderEvents {
  @Inject ReplicatedWrites replication;

  @Override
  public void placed(OrderUpdate update) {
    replication.replicate(update.stamp(), update);
  }
}
