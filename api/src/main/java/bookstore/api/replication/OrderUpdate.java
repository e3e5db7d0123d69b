package bookstore.api.replication;

import bookstore.api.Order;
import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Instant;

/**
 * A replicated order write, published on the topic {@code order.updates}.
 *
 * @param stamp (replica, epoch, sequence) of the write
 * @param order the new order
 * @param idempotencyKey the idempotency key it was placed with
 * @param createdAt when the primary recorded it (UTC)
 */
public record OrderUpdate(
    WriteStamp stamp,
    Order order,
    @JsonbProperty(CatalogUpdate.STORED_KEY_NAME) String idempotencyKey,
    Instant createdAt) {}
