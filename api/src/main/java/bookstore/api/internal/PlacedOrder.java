package bookstore.api.internal;

import bookstore.api.Order;

/**
 * The order service's answer to a buy: the order, and the sequence numbers of the writes it caused,
 * so the front end can drop its cached copy of the item at once and make its next reads wait for
 * those writes (SPEC guarantee 5).
 *
 * @param order the order
 * @param catalogSequence catalog write sequence number of the stock decrement
 * @param orderSequence order write sequence number of the order
 * @param replayed true when the idempotency key was used before and this is the first result again,
 *     with nothing changed (SPEC guarantee 3)
 */
public record PlacedOrder(
    Order order, long catalogSequence, long orderSequence, boolean replayed) {}
