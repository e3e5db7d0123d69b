package bookstore.order.application;

import bookstore.api.Order;
import bookstore.api.PlaceOrder;
import bookstore.api.ProblemException;
import bookstore.api.StockTaken;
import bookstore.platform.clients.PlacedOrder;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Places orders: a buy first takes the stock from the catalog (which refuses to oversell), then
 * records the order under the next order number. A buy that fails records nothing: when the
 * order cannot be recorded after the stock was taken, the stock is given back. A repeat with an
 * idempotency key already used returns the first order and changes nothing (SPEC guarantee 3).
 */
@Stateless
public class OrderService {
  private static final Logger LOG = Logger.getLogger(OrderService.class.getName());
  private static final int MAX_KEY_LENGTH = 128;

  @Inject OrderBook book;
  @Inject CatalogStock catalog;

  /**
   * @param command item, quantity and idempotency key
   * @return the order and the catalog sequence number of its decrement (0 for a repeat)
   * @throws ProblemException 400 bad command, 404 unknown item, 409 out of stock, 503 catalog
   *     unreachable
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public PlacedOrder place(PlaceOrder command) {
    validate(command);
    Optional<Order> first = book.byRequestId(command.requestId()).map(o -> o.toApi());
    if (first.isPresent()) {
      return PlacedOrder.replay(first.get());
    }
    StockTaken taken = catalog.take(command.itemId(), command.quantity(), command.requestId());
    OrderBook.Recorded recorded;
    try {
      recorded = book.record(command, taken);
    } catch (RuntimeException e) {
      giveBack(command, e);
      throw e;
    }
    if (!recorded.fresh()) {
      giveBack(command, null); // a concurrent repeat of the same key recorded it first
      return PlacedOrder.replay(recorded.order().toApi());
    }
    return new PlacedOrder(recorded.order().toApi(), taken.sequence(), false);
  }

  /**
   * @param orderNumber order number
   * @return the order
   * @throws ProblemException 404 when there is none
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Order find(long orderNumber) {
    return book.find(orderNumber)
        .map(o -> o.toApi())
        .orElseThrow(() -> ProblemException.notFound("no order " + orderNumber));
  }

  private void giveBack(PlaceOrder command, RuntimeException cause) {
    if (cause != null) {
      LOG.log(Level.WARNING, "order for " + command.requestId() + " not recorded, giving stock back", cause);
    }
    try {
      catalog.giveBack(command.itemId(), command.quantity(), command.requestId());
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "could not give back stock of " + command, e);
    }
  }

  private static void validate(PlaceOrder command) {
    if (command == null) {
      throw ProblemException.badRequest("the request needs a JSON body");
    }
    if (command.itemId() < 1) {
      throw ProblemException.badRequest("itemId must be a positive whole number");
    }
    if (command.quantity() < 1) {
      throw ProblemException.badRequest("quantity must be at least 1");
    }
    String key = command.requestId();
    if (key == null || key.isBlank() || key.length() > MAX_KEY_LENGTH) {
      throw ProblemException.badRequest("requestId must be 1 to " + MAX_KEY_LENGTH + " characters");
    }
  }
}
