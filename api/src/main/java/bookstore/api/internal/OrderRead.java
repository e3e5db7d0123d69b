package bookstore.api.internal;

import bookstore.api.Order;

/**
 * An order as a replica read it.
 *
 * @param sequence order sequence number the read saw, at least
 * @param order the order
 * @param replicaId the replica that answered
 */
public record OrderRead(long sequence, Order order, int replicaId) {}
