package bookstore.order.interfaces.rest;

import bookstore.api.internal.OrderRead;
import bookstore.api.internal.PlaceOrder;
import bookstore.api.internal.PlacedOrder;
import bookstore.order.application.OrderService;
import bookstore.platform.clients.OrderApi;
import bookstore.replication.rest.WrittenByPrimary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The order replica's internal HTTP API ({@link OrderApi}), over {@link OrderService}. Orders are
 * read here; a buy that reaches a backup is forwarded to the primary ({@link WrittenByPrimary}).
 */
@ApplicationScoped
public class OrderResource implements OrderApi {
  @Inject OrderService orders;

  @Override
  @WrittenByPrimary
  public PlacedOrder place(PlaceOrder command) {
    return orders.place(command);
  }

  @Override
  public OrderRead find(long orderNumber, long minSequence) {
    return orders.find(orderNumber, minSequence);
  }
}
