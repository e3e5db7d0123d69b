package bookstore.replication;

import bookstore.api.replication.WriteStamp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.util.List;

/** This replica's copy of the write log ({@link WriteLogEntry}), in its own database. */
@ApplicationScoped
public class ReplicationLog {
  @PersistenceContext(unitName = "bookstore")
  EntityManager em;

  /**
   * Keeps a write, in the caller's transaction.
   *
   * @param stamp the write's stamp
   * @param json the write as published
   */
  @Transactional(TxType.MANDATORY)
  public void append(WriteStamp stamp, String json) {
    em.persist(new WriteLogEntry(stamp.sequence(), stamp.epoch(), json));
  }

  /**
   * @param after a sequence number
   * @param limit the most entries to return (items)
   * @return the writes after it, in sequence order
   */
  @Transactional(TxType.SUPPORTS)
  public List<String> after(long after, int limit) {
    return em.createNamedQuery(WriteLogEntry.AFTER, WriteLogEntry.class)
        .setParameter("after", after)
        .setMaxResults(limit)
        .getResultStream()
        .map(WriteLogEntry::getPayload)
        .toList();
  }

  /**
   * The newest entries, for a new primary's outbox to publish again (see {@link Outbox#resume}).
   *
   * @param after a sequence number
   * @param limit the most entries (items): the newest ones are kept
   * @return the entries after {@code after}, at most {@code limit} of the newest, ascending; the
   *     empty entry that marks a snapshot's base is left out
   */
  @Transactional(TxType.SUPPORTS)
  public List<Outbox.Entry> newestAfter(long after, int limit) {
    List<WriteLogEntry> newest =
        new java.util.ArrayList<>(
            em.createNamedQuery(WriteLogEntry.NEWEST_AFTER, WriteLogEntry.class)
                .setParameter("after", after)
                .setMaxResults(limit)
                .getResultList());
    java.util.Collections.reverse(newest);
    return newest.stream()
        .filter(e -> !e.getPayload().isEmpty())
        .map(e -> new Outbox.Entry(e.getSequence(), e.getPayload()))
        .toList();
  }

  /**
   * @param sequence a sequence number
   * @return the epoch of the write the log holds there, if any
   */
  @Transactional(TxType.SUPPORTS)
  public java.util.Optional<Long> epochAt(long sequence) {
    WriteLogEntry entry = em.find(WriteLogEntry.class, sequence);
    return entry == null ? java.util.Optional.empty() : java.util.Optional.of(entry.getEpoch());
  }

  /**
   * @return the lowest sequence number the log holds, 0 when it is empty
   */
  @Transactional(TxType.SUPPORTS)
  public long first() {
    Long first = em.createNamedQuery(WriteLogEntry.FIRST, Long.class).getSingleResult();
    return first == null ? 0 : first;
  }

  /** Drops every entry, in the caller's transaction (a snapshot replaces what they led to). */
  @Transactional(TxType.MANDATORY)
  public void clear() {
    em.flush(); // entries appended earlier in this transaction go too
    em.createNamedQuery(WriteLogEntry.CLEAR).executeUpdate();
  }
}
