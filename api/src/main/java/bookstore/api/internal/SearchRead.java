package bookstore.api.internal;

import bookstore.api.BookSummary;
import java.util.List;

/**
 * A topic search as a replica read it, with the sequence number the read saw at least.
 *
 * @param sequence catalog sequence number the read saw, at least
 * @param books the hits, ordered by item id
 * @param replicaId the replica that answered
 */
public record SearchRead(long sequence, List<BookSummary> books, int replicaId) {}
