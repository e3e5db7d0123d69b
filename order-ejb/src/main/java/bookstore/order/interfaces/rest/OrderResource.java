package bookstore.order.interfaces.rest;

import bookstore.api.Order;
import bookstore.api.PlaceOrder;
import bookstore.order.application.OrderService;
import bookstore.platform.clients.OrderApi;
import bookstore.platform.clients.PlacedOrder;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/** The order replica's internal HTTP API ({@link OrderApi}), over {@link OrderService}. */
@RequestScoped
public class OrderResource implements OrderApi {
  @Inject OrderService orders;

  @Override
  public PlacedOrder place(PlaceOrder command) {
    return orders.place(command);
  }

  @Override
  public Order find(long orderNumber) {
    return orders.find(orderNumber);
  }
}
