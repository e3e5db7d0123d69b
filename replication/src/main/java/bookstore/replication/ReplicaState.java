package bookstore.replication;

import bookstore.api.replication.WriteStamp;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The one row that says where this replica stands in its service's write history: the highest epoch
 * it has adopted, and the sequence number and epoch of the last write it sequenced or applied. It
 * lives in the same Derby database as the service's data and changes in the same transaction as
 * every write, so after a crash it is exactly as current as the data. Locking it serialises every
 * write, apply and epoch change on this replica.
 */
@Entity
@Table(name = "REPLICA_STATE")
public class ReplicaState {
  /** The single row's key. */
  public static final int SINGLETON_ID = 1;

  @Id private int id = SINGLETON_ID;
  private long epoch;
  private long lastSequence;
  private long lastEpoch;

  /**
   * For JPA only, which fills the fields from the {@code REPLICA_STATE} row; a replica's first row
   * is made with {@link #ReplicaState(long)}.
   */
  protected ReplicaState() {}

  /**
   * @param epoch the epoch to start in, at least 1
   */
  public ReplicaState(long epoch) {
    this.epoch = epoch;
  }

  /**
   * A copy of a committed position, not managed by JPA.
   *
   * @param epoch the highest epoch adopted
   * @param lastSequence the last write's sequence number
   * @param lastEpoch the last write's epoch
   */
  ReplicaState(long epoch, long lastSequence, long lastEpoch) {
    this.epoch = epoch;
    this.lastSequence = lastSequence;
    this.lastEpoch = lastEpoch;
  }

  /**
   * @return the highest epoch this replica adopted; a primary stamps its writes with it
   */
  public long getEpoch() {
    return epoch;
  }

  /**
   * @return the sequence number of the last write, 0 when there was none
   */
  public long getLastSequence() {
    return lastSequence;
  }

  /**
   * @return the epoch of the last write, 0 when there was none
   */
  public long getLastEpoch() {
    return lastEpoch;
  }

  /**
   * Moves to the next sequence number in the current epoch (the primary sequencing a write).
   *
   * @return the new last sequence number
   */
  public long advance() {
    lastEpoch = epoch;
    return ++lastSequence;
  }

  /**
   * Records that a write sequenced elsewhere, or a snapshot up to it, was applied here.
   *
   * @param stamp its stamp
   */
  public void appliedUpTo(WriteStamp stamp) {
    epoch = Math.max(epoch, stamp.epoch());
    lastEpoch = stamp.epoch();
    lastSequence = stamp.sequence();
  }

  /**
   * @param newer an epoch announced or started: never lowers the one held
   */
  public void adopt(long newer) {
    epoch = Math.max(epoch, newer);
  }
}
