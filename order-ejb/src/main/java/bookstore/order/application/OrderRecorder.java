package bookstore.order.application;

import bookstore.api.ProblemException;
import bookstore.api.ProblemTypes;
import bookstore.api.internal.PlaceOrder;
import bookstore.api.internal.StockTaken;
import bookstore.api.replication.OrderUpdate;
import bookstore.api.replication.WriteStamp;
import bookstore.order.domain.CustomerOrder;
import bookstore.order.domain.OrderRepository;
import bookstore.replication.Outbox;
import bookstore.replication.WriteSequencer;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;

/**
 * Records orders, one transaction each. An order's number is the sequence number of the write that
 * records it: the order service has no other write, and the {@link WriteSequencer} hands sequence
 * numbers out one at a time under the state row's lock, a rolled-back write giving its number back,
 * so order numbers are gapless and increasing (SPEC "Order") and cost no query of the orders. Reads
 * join no transaction ({@code SUPPORTS}).
 */
@Stateless
public class OrderRecorder {
  @Inject OrderRepository orders;
  @Inject WriteSequencer sequencer;
  @Inject OrderEvents events;
  @Inject Outbox outbox;

  /**
   * The outcome of {@link #record}.
   *
   * @param order the order, new or the one recorded first
   * @param fresh whether this call recorded it
   * @param sequence the order write's sequence number (0 when not fresh)
   */
  public record Recorded(CustomerOrder order, boolean fresh, long sequence) {}

  /**
   * Records the order for stock already taken, unless an order with the same request id exists
   * (then that one is returned and nothing is written).
   *
   * @param command what was bought, with its idempotency key
   * @param taken the stock the catalog gave for it
   * @return the order, new or the one recorded first
   */
  public Recorded record(PlaceOrder command, StockTaken taken) {
    return sequencer.write(
        write -> {
          Optional<CustomerOrder> first = orders.byIdempotencyKey(command.idempotencyKey());
          if (first.isPresent()) {
            sameRequest(first.get(), command);
            outbox.acknowledgeAfterEverythingCommitted(); // the first order once it is replicated
            return new Recorded(first.get(), false, 0);
          }
          WriteStamp stamp = write.stamp();
          CustomerOrder order =
              new CustomerOrder(
                  stamp.sequence(), // the order service writes orders only: see the class comment
                  command.itemId(),
                  taken.quantity(),
                  taken.unitPrice(),
                  command.idempotencyKey(),
                  Instant.now());
          orders.add(order);
          events.placed(
              new OrderUpdate(
                  stamp, order.toApi(), order.getIdempotencyKey(), order.getCreatedAt()));
          return new Recorded(order, true, stamp.sequence());
        });
  }

  /**
   * The rule of idempotency keys bound to their request (IETF Idempotency-Key draft): a key answers
   * with its first order only for the same item and quantity.
   *
   * @param first the order placed first with the command's key
   * @param command a request with the same key
   * @throws ProblemException 422 {@link ProblemTypes#IDEMPOTENCY_KEY_REUSED} when it asks for
   *     another item or quantity
   */
  static void sameRequest(CustomerOrder first, PlaceOrder command) {
    if (first.getItemId() != command.itemId() || first.getQuantity() != command.quantity()) {
      throw ProblemTypes.keyReused(
          command.idempotencyKey(),
          "order "
              + first.getOrderNumber()
              + " ("
              + first.getQuantity()
              + " of item "
              + first.getItemId()
              + ")");
    }
  }

  /**
   * @param idempotencyKey idempotency key
   * @return the order placed with it, or empty
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Optional<CustomerOrder> byIdempotencyKey(String idempotencyKey) {
    return orders.byIdempotencyKey(idempotencyKey);
  }

  /**
   * @param orderNumber order number
   * @return the order, or empty
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Optional<CustomerOrder> find(long orderNumber) {
    return orders.find(orderNumber);
  }
}
