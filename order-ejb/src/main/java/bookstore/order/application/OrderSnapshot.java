package bookstore.order.application;

import bookstore.api.replication.OrderUpdate;
import java.util.List;

/**
 * The order service's whole replicated state, sent to a backup that must start over: every order as
 * the update that created it, by order number.
 *
 * @param orders one update per order
 */
public record OrderSnapshot(List<OrderUpdate> orders) {}
