package bookstore.order.infrastructure.messaging;

import bookstore.api.OrderUpdate;
import bookstore.order.application.OrderEvents;
import bookstore.replication.messaging.ReplicatedWrites;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Replicates new orders on {@code order.updates} in the order's XA transaction. */
@ApplicationScoped
public class JmsOrderEvents implements OrderEvents {
  /** Topic of replicated order writes. */
  public static final String UPDATES = "order.updates";

  @Inject ReplicatedWrites replication;

  @Override
  public void placed(OrderUpdate update) {
    replication.replicate(update.stamp(), UPDATES, update);
  }
}
