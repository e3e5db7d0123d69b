package bookstore.order.application;

import bookstore.order.domain.CustomerOrder;
import bookstore.order.domain.OrderRepository;
import bookstore.replication.StateDigest;
import bookstore.replication.StateView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * The order service's state digest: SHA-256 over every order (number, item, quantity, unit
 * price, request id, creation time) by number.
 */
@ApplicationScoped
public class OrderState implements StateView {
  @Inject OrderRepository orders;

  @Override
  @Transactional
  public String digest() {
    StateDigest digest = new StateDigest();
    for (CustomerOrder o : orders.all()) {
      var order = o.toApi();
      digest.add(
          order.orderNumber(),
          order.itemId(),
          order.quantity(),
          order.unitPrice().toPlainString(),
          o.getRequestId(),
          o.getCreatedAt());
    }
    return digest.hex();
  }
}
