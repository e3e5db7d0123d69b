package bookstore.replication;

import bookstore.api.WriteStamp;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The one row that says where this replica stands in its service's write history: the epoch
 * and sequence number of the last write it sequenced or applied. It lives in the same Derby
 * database as the service's data and changes in the same transaction as every write, so after
 * a crash it is exactly as current as the data. Locking it serialises every write and every
 * apply on this replica.
 */
@Entity
@Table(name = "REPLICA_STATE")
public class ReplicaState {
  /** The single row's key. */
  public static final int SINGLETON_ID = 1;

  @Id private int id = SINGLETON_ID;
  private long epoch;
  private long lastSequence;

  protected ReplicaState() {}

  /** @param epoch the epoch to start in, at least 1 */
  public ReplicaState(long epoch) {
    this.epoch = epoch;
  }

  /** @return the epoch of the last write, at least 1 */
  public long getEpoch() {
    return epoch;
  }

  /** @return the sequence number of the last write, 0 when there was none */
  public long getLastSequence() {
    return lastSequence;
  }

  /**
   * Moves to the next sequence number in the current epoch (the primary sequencing a write).
   *
   * @return the new last sequence number
   */
  public long advance() {
    return ++lastSequence;
  }

  /**
   * Records that a write sequenced elsewhere, or a snapshot up to it, was applied here.
   *
   * @param stamp its stamp; its epoch becomes this replica's epoch
   */
  public void appliedUpTo(WriteStamp stamp) {
    epoch = Math.max(epoch, stamp.epoch());
    lastSequence = stamp.sequence();
  }
}
