package bookstore.order.application;

import bookstore.api.replication.OrderUpdate;

/**
 * Tells the order replicas about a new order (port; JMS adapter in infrastructure). Called inside
 * the order's transaction: the message goes out only if the order commits.
 */
public interface OrderEvents {

  /**
   * @param update the stamped order write
   */
  void placed(OrderUpdate update);
}
