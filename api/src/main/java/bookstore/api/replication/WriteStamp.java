package bookstore.api.replication;

/**
 * The position of one replicated write in its service's history. Every write a primary sequences
 * carries one (SPEC "Replication"): a replica rejects a stamp from an older epoch, and applies
 * stamps of one epoch in sequence order.
 *
 * @param replicaId id of the replica that sequenced the write (the primary), positive
 * @param epoch election epoch the primary held, starting at 1
 * @param sequence gapless write sequence number of the service, starting at 1
 */
public record WriteStamp(int replicaId, long epoch, long sequence) {}
