package bookstore.platform.clients;

import bookstore.api.Item;

/**
 * An item as a replica read it, with the sequence number of the last write the replica had
 * applied before the read: the item is at least that new (SPEC guarantee 5, cache fills).
 *
 * @param sequence catalog sequence number the read saw, at least
 * @param item the item
 */
public record ItemRead(long sequence, Item item) {}
