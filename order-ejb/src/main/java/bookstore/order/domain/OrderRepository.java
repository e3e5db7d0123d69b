package bookstore.order.domain;

import java.util.List;
import java.util.Optional;

/** Where orders are kept. */
public interface OrderRepository {

  /**
   * @param orderNumber order number
   * @return the order, or empty
   */
  Optional<CustomerOrder> find(long orderNumber);

  /**
   * @param idempotencyKey idempotency key
   * @return the order placed with it, or empty
   */
  Optional<CustomerOrder> byIdempotencyKey(String idempotencyKey);

  /**
   * @return every order by number
   */
  List<CustomerOrder> all();

  /**
   * @param order a new order
   */
  void add(CustomerOrder order);

  /** Removes every order (a snapshot is about to replace them). */
  void clear();
}
