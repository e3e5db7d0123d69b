package bookstore.replication;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One replicated write as it travelled on the update topic (JSON), kept by every replica in
 * sequence order. The primary serves its log to backups that find a gap; a replica whose log does
 * not reach back far enough is sent a snapshot instead.
 */
@Entity
@Table(name = "WRITE_LOG")
@NamedQuery(
    name = WriteLogEntry.AFTER,
    query = "select w from WriteLogEntry w where w.sequence > :after order by w.sequence")
@NamedQuery(
    name = WriteLogEntry.NEWEST_AFTER,
    query = "select w from WriteLogEntry w where w.sequence > :after order by w.sequence desc")
@NamedQuery(name = WriteLogEntry.FIRST, query = "select min(w.sequence) from WriteLogEntry w")
@NamedQuery(name = WriteLogEntry.CLEAR, query = "delete from WriteLogEntry w")
public class WriteLogEntry {
  static final String AFTER = "WriteLogEntry.after";
  static final String NEWEST_AFTER = "WriteLogEntry.newestAfter";
  static final String FIRST = "WriteLogEntry.first";
  static final String CLEAR = "WriteLogEntry.clear";

  @Id private long sequence;

  @Column(nullable = false)
  private long epoch;

  @Lob
  @Column(nullable = false)
  private String payload;

  /** For JPA only, which fills the fields from the {@code WRITE_LOG} row. */
  protected WriteLogEntry() {}

  WriteLogEntry(long sequence, long epoch, String payload) {
    this.sequence = sequence;
    this.epoch = epoch;
    this.payload = payload;
  }

  /**
   * @return the write's sequence number, the primary's gapless write sequence for this service
   *     starting at 1; the row's key, and the order the log is kept and served in
   */
  public long getSequence() {
    return sequence;
  }

  /**
   * @return the election epoch of the primary that sequenced the write (starting at 1); for the
   *     empty entry that marks a snapshot's base, the epoch of the snapshot's last write
   */
  public long getEpoch() {
    return epoch;
  }

  /**
   * @return the write as published on the update topic: the service's update record (carrying its
   *     stamp) as JSON; empty for the entry that marks where the log starts after a snapshot was
   *     installed
   */
  public String getPayload() {
    return payload;
  }
}
