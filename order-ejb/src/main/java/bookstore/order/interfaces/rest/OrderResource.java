package bookstore.order.interfaces.rest;

import bookstore.api.internal.PlaceOrder;
import bookstore.order.application.OrderService;
import bookstore.platform.clients.OrderApi;
import bookstore.api.internal.OrderRead;
import bookstore.api.internal.PlacedOrder;
import bookstore.replication.PeerClients;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The order replica's internal HTTP API ({@link OrderApi}), over {@link OrderService}. Orders
 * are read here; a buy that reaches a backup is forwarded to the primary.
 */
@RequestScoped
public class OrderResource implements OrderApi {
  @Inject OrderService orders;
  @Inject PeerClients primary;

  @Override
  public PlacedOrder place(PlaceOrder command) {
    Optional<OrderApi> forward = primary.forward(OrderApi.class);
    return forward.isPresent() ? forward.get().place(command) : orders.place(command);
  }

  @Override
  public OrderRead find(long orderNumber, long minSequence) {
    return orders.find(orderNumber, minSequence);
  }
}
