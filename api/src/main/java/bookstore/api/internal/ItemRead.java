package bookstore.api.internal;

import bookstore.api.Item;

/**
 * An item as a replica read or wrote it, with the sequence number of the last write the replica had
 * applied: the item is at least that new (SPEC guarantee 5, cache fills).
 *
 * @param sequence catalog sequence number the read saw, at least
 * @param item the item
 * @param replicaId the replica that answered
 */
public record ItemRead(long sequence, Item item, int replicaId) {}
