package bookstore.order.application;

import bookstore.api.OrderUpdate;
import bookstore.api.PlaceOrder;
import bookstore.api.StockTaken;
import bookstore.api.WriteStamp;
import bookstore.order.domain.CustomerOrder;
import bookstore.order.domain.OrderRepository;
import bookstore.replication.WriteSequencer;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;

/**
 * Records orders, one transaction each. The write stamp is taken first and locks the replica's
 * state row, so order numbers are handed out one at a time: the next number is the highest plus
 * one, and a rolled-back order leaves no gap.
 */
@Stateless
public class OrderBook {
  @Inject OrderRepository orders;
  @Inject WriteSequencer sequencer;
  @Inject OrderEvents events;
  @Resource SessionContext context;

  /** The outcome of {@link #record}. */
  public record Recorded(CustomerOrder order, boolean fresh) {}

  /**
   * Records the order for stock already taken, unless an order with the same request id exists
   * (then that one is returned, {@code fresh} false, and nothing is written).
   *
   * @param command what was bought, with its idempotency key
   * @param taken the stock the catalog gave for it
   * @return the order, new or the one recorded first
   */
  public Recorded record(PlaceOrder command, StockTaken taken) {
    WriteStamp stamp = sequencer.next();
    Optional<CustomerOrder> first = orders.byRequestId(command.requestId());
    if (first.isPresent()) {
      context.setRollbackOnly(); // give the sequence number back
      return new Recorded(first.get(), false);
    }
    CustomerOrder order =
        new CustomerOrder(
            orders.maxOrderNumber() + 1,
            command.itemId(),
            taken.quantity(),
            taken.unitPrice(),
            command.requestId(),
            Instant.now());
    orders.add(order);
    events.placed(new OrderUpdate(stamp, order.toApi(), order.getRequestId(), order.getCreatedAt()));
    return new Recorded(order, true);
  }

  /** @param requestId idempotency key @return the order placed with it, or empty */
  public Optional<CustomerOrder> byRequestId(String requestId) {
    return orders.byRequestId(requestId);
  }

  /** @param orderNumber order number @return the order, or empty */
  public Optional<CustomerOrder> find(long orderNumber) {
    return orders.find(orderNumber);
  }
}
