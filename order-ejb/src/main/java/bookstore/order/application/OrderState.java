package bookstore.order.application;

import bookstore.api.replication.OrderUpdate;
import bookstore.api.replication.WriteStamp;
import bookstore.order.domain.CustomerOrder;
import bookstore.order.domain.OrderRepository;
import bookstore.platform.messaging.JsonMessages;
import bookstore.replication.ReplicatedState;
import bookstore.replication.StateDigest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Orders as replicated state: applies {@link OrderUpdate}s (insert when absent), takes and installs
 * {@link OrderSnapshot}s, and digests every order (number, item, quantity, unit price, request id,
 * creation time) by number.
 */
@ApplicationScoped
public class OrderState implements ReplicatedState {
  private static final Logger LOG = Logger.getLogger(OrderState.class.getName());

  @Inject OrderRepository orders;

  @Override
  public String service() {
    return "order";
  }

  @Override
  public WriteStamp stampOf(String updateJson) {
    return JsonMessages.fromJson(updateJson, OrderUpdate.class).stamp();
  }

  @Override
  public void apply(String updateJson) {
    OrderUpdate update = JsonMessages.fromJson(updateJson, OrderUpdate.class);
    Optional<CustomerOrder> held = orders.find(update.order().orderNumber());
    if (held.isEmpty()) {
      orders.add(CustomerOrder.of(update));
    } else if (!held.get().getIdempotencyKey().equals(update.idempotencyKey())) {
      // cannot happen while histories agree (SPEC guarantee 4): say so loudly if it does
      LOG.severe(
          "diverged: order "
              + update.order().orderNumber()
              + " is held for key "
              + held.get().getIdempotencyKey()
              + " but write "
              + update.stamp()
              + " records it for key "
              + update.idempotencyKey());
    }
  }

  @Override
  public String snapshot() {
    return JsonMessages.toJson(
        new OrderSnapshot(
            orders.all().stream()
                .map(o -> new OrderUpdate(null, o.toApi(), o.getIdempotencyKey(), o.getCreatedAt()))
                .toList()));
  }

  @Override
  public void install(String snapshotJson) {
    orders.clear();
    JsonMessages.fromJson(snapshotJson, OrderSnapshot.class)
        .orders()
        .forEach(u -> orders.add(CustomerOrder.of(u)));
  }

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
          o.getIdempotencyKey(),
          o.getCreatedAt());
    }
    return digest.hex();
  }
}
