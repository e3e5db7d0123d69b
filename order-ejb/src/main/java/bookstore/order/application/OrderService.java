package bookstore.order.application;

import bookstore.api.ProblemException;
import bookstore.api.ProblemTypes;
import bookstore.api.internal.OrderRead;
import bookstore.api.internal.PlaceOrder;
import bookstore.api.internal.PlacedOrder;
import bookstore.api.internal.StockTaken;
import bookstore.order.domain.CustomerOrder;
import bookstore.replication.Membership;
import bookstore.replication.Outbox;
import bookstore.replication.ReadBarrier;
import bookstore.replication.ReplicaIdentity;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Places orders: a buy first takes the stock from the catalog (which refuses to oversell, and takes
 * stock once per idempotency key), then records the order under the next order number. A repeat of
 * a key returns the first order and changes nothing (SPEC guarantee 3); so does a retry after a
 * crash between the two steps, since the catalog answers the key's first decrement again. A buy
 * whose order cannot be recorded gives its stock back.
 */
@Stateless
public class OrderService {
  private static final Logger LOG = Logger.getLogger(OrderService.class.getName());

  @Inject OrderRecorder recorder;
  @Inject CatalogStock catalog;
  @Inject ReadBarrier barrier;
  @Inject ReplicaIdentity identity;
  @Inject Outbox outbox;
  @Inject Membership membership;

  /**
   * @param command item, quantity and idempotency key, checked by {@link PlaceOrder}'s constraints
   *     at the API ({@link bookstore.platform.clients.OrderApi})
   * @return the order and the sequence numbers of its writes
   * @throws ProblemException 404 unknown item, 409 out of stock, 422 the key was first used for
   *     another item or quantity, 503 catalog unreachable
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public PlacedOrder place(PlaceOrder command) {
    Optional<CustomerOrder> placed = recorder.byIdempotencyKey(command.idempotencyKey());
    placed.ifPresent(o -> OrderRecorder.sameRequest(o, command));
    Optional<PlacedOrder> first = placed.map(o -> new PlacedOrder(o.toApi(), 0, 0, true));
    if (first.isPresent()) {
      outbox.acknowledgeAfterEverythingCommitted(); // the first order only once it is replicated
      return first.get();
    }
    // no stock is taken for an order this primary could not record: its own broker first (with
    // the broker away the front end retries the key, and answers 503 broker-unavailable at once
    // when both brokers stay down, instead of after the catalog's own retries)
    outbox.requireBroker();
    StockTaken taken = catalog.take(command.itemId(), command.quantity(), command.idempotencyKey());
    OrderRecorder.Recorded recorded;
    try {
      recorded = recorder.record(command, taken);
    } catch (ProblemException e) {
      if (!ProblemTypes.NO_PRIMARY.equals(e.problem().type())) {
        giveBackUnlessRecorded(command, e);
      }
      // this replica stopped being primary: the front end retries the key on the new one, which
      // finds the stock already taken for it, so none is given back here
      throw e;
    } catch (RuntimeException e) {
      giveBackUnlessRecorded(command, e);
      throw e;
    }
    return new PlacedOrder(
        recorded.order().toApi(), taken.sequence(), recorded.sequence(), !recorded.fresh());
  }

  /**
   * @param orderNumber order number
   * @param minSequence the lowest order sequence the read may see (0 for any)
   * @return the order as this replica holds it
   * @throws ProblemException 404 when there is none; 503 replica behind
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public OrderRead find(long orderNumber, long minSequence) {
    long sequence = barrier.await(minSequence);
    return recorder
        .find(orderNumber)
        .map(o -> new OrderRead(sequence, o.toApi(), identity.replicaId()))
        .orElseThrow(() -> ProblemException.notFound("no order " + orderNumber));
  }

  private void giveBackUnlessRecorded(PlaceOrder command, RuntimeException cause) {
    if (recorder.byIdempotencyKey(command.idempotencyKey()).isPresent()) {
      return;
    }
    if (!membership.actsAsPrimary()) {
      // a newer primary may be recording this key right now (the front end retries it there,
      // and the catalog hands it the stock already taken): giving it back could leave an order
      // without its stock. It stays taken for the retry.
      LOG.log(
          Level.WARNING,
          "order for "
              + command.idempotencyKey()
              + " not recorded, and this replica no longer acts as primary: its stock stays"
              + " taken for the retry of the key on the new primary",
          cause);
      return;
    }
    LOG.log(
        Level.WARNING,
        "order for " + command.idempotencyKey() + " not recorded, giving stock back",
        cause);
    try {
      catalog.giveBack(command.idempotencyKey());
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "could not give back the stock of " + command, e);
    }
  }
}
