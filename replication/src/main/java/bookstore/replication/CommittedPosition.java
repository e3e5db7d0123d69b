package bookstore.replication;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * This replica's {@link ReplicaState} as last committed, kept in memory so that reads, heartbeats
 * and readiness checks need no database round trip: set after every transaction that locked the
 * state row commits ({@link WriteSequencer#lock()}), in commit order, and read without a lock.
 * Waiting readers ({@link ReadBarrier}) are woken by each commit instead of polling.
 */
@ApplicationScoped
public class CommittedPosition {
  /**
   * A committed position.
   *
   * @param epoch the highest epoch adopted
   * @param lastSequence the sequence number of the last write sequenced or applied
   * @param lastEpoch the epoch of that write
   * @param ordinal the order in which the transaction that set it committed (higher: newer)
   */
  public record Position(long epoch, long lastSequence, long lastEpoch, long ordinal) {}

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition advanced = lock.newCondition();
  private volatile Position position;

  /**
   * @return the last committed position, or null before the first one is known
   */
  public Position get() {
    return position;
  }

  /**
   * Takes a committed position, unless a newer one (higher ordinal) is already held: the
   * after-commit callbacks of two transactions may run in either order.
   *
   * @param committed the position a transaction committed
   */
  public void committed(Position committed) {
    lock.lock();
    try {
      if (position == null || committed.ordinal() > position.ordinal()) {
        position = committed;
        advanced.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until this replica has applied the write at {@code sequence}.
   *
   * @param sequence a sequence number
   * @param timeoutMs the longest wait, ms
   * @return the last sequence number applied when the wait ended: at least {@code sequence}, unless
   *     the timeout passed first
   */
  public long awaitSequence(long sequence, long timeoutMs) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    lock.lock();
    try {
      while (position == null || position.lastSequence() < sequence) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        advanced.awaitNanos(left);
      }
      return position == null ? 0 : position.lastSequence();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return position == null ? 0 : position.lastSequence();
    } finally {
      lock.unlock();
    }
  }
}
