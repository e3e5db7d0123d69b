package bookstore.replication;

import bookstore.api.Problem;
import bookstore.api.ProblemException;
import bookstore.api.ProblemTypes;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The primary's transactional outbox (SPEC "Replication": no window where a write commits and its
 * message is lost). A write commits its state change and its {@code WRITE_LOG} entry in one local
 * Derby transaction; once it has committed, its entry is handed here, and one publisher thread
 * ({@link #runPublisher}) sends the entries to the broker strictly in sequence order, in batches:
 * every entry that committed since the last send goes out in one transacted JMS session, so one
 * broker journal sync covers many writes under load (group commit) and a lone write waits for no
 * one. A write is acknowledged to its caller only once the broker holds it ({@link
 * #awaitPublished}); until then it is committed on the primary alone, and a primary crash at that
 * point loses nothing acknowledged (the write was not): a replica that takes over drops such an
 * unpublished tail when it meets the new epoch (the history probe of catch-up).
 *
 * <p>Entries may be handed in out of sequence order (two transactions' after-commit callbacks race
 * once the state row lock is released); they are published in order all the same, and an entry is
 * never sent before every lower sequence number has been. Entries at or below what the broker
 * already holds are ignored. While the broker is unreachable, {@link #requireBroker()} refuses new
 * writes before they take a sequence number, and callers waiting for a publication are answered at
 * once.
 *
 * <p>Thread-safe: one lock guards the pending entries and the published mark.
 */
@ApplicationScoped
public class Outbox {
  private static final Logger LOG = Logger.getLogger(Outbox.class.getName());

  /** Most entries one broker transaction carries (items). */
  public static final int MAX_BATCH = 256;

  /** Pause between attempts to reach the broker again, ms. */
  static final long RETRY_PAUSE_MS = 500;

  /**
   * One committed write, as it goes on the service's update topic.
   *
   * @param sequence its sequence number
   * @param json the update as published (and as kept in the write log)
   */
  public record Entry(long sequence, String json) {}

  /**
   * Sends batches of entries to the broker: all of a batch, in order, in one broker transaction.
   */
  public interface Sender {
    /**
     * Makes sure a connection to the broker is open, opening one if need be (called while the
     * broker counts as unreachable, every {@link #RETRY_PAUSE_MS} ms).
     *
     * @throws Exception when the broker does not answer
     */
    void connect() throws Exception;

    /**
     * @param batch entries with consecutive sequence numbers, ascending, at least one
     * @throws Exception when the broker did not confirm the whole batch (the batch is sent again,
     *     whole, once the broker answers; consumers skip what they already applied)
     */
    void send(List<Entry> batch) throws Exception;
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final TreeMap<Long, Entry> pending = new TreeMap<>();
  private final ThreadLocal<long[]> toAcknowledge = ThreadLocal.withInitial(() -> new long[1]);
  private long published;
  private long highestCommitted;

  /** The epoch of this replica's writes the published mark counts in; -1 before its first. */
  private long termEpoch = -1;

  /** Log entries of an earlier term to send again once, ahead of the new term's writes. */
  private List<Entry> resend = List.of();

  private boolean brokerReachable = true;

  /**
   * 0: no publisher runs (a deployment without one); 1: connecting for the first time; 2: past
   * that.
   */
  private volatile int publisherStage;

  /**
   * Takes a committed write (called after its transaction committed).
   *
   * @param entry the write's sequence number and message
   */
  public void committed(Entry entry) {
    lock.lock();
    try {
      highestCommitted = Math.max(highestCommitted, entry.sequence());
      if (entry.sequence() > published) {
        pending.put(entry.sequence(), entry);
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * This replica becomes primary: whatever was pending from an earlier term is dropped, and {@code
   * unpublished} (entries of this replica's log that no live peer was known to hold) are sent once,
   * ahead of the new term's writes, so that front ends drop what they cached before them (backups
   * refuse them as of an older epoch and fetch them from the log). The published mark is set at the
   * term's first write ({@link #beginWrite}).
   *
   * @param unpublished log entries, ascending (may be empty)
   */
  public void resume(List<Entry> unpublished) {
    lock.lock();
    try {
      pending.clear();
      termEpoch = -1;
      resend = List.copyOf(unpublished);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * A write of this primary is about to take {@code sequence} in {@code epoch}; called under the
   * state row lock, so every write below it has committed. At the first write of a term, the
   * published mark moves to just below it: what came before was published by an earlier primary,
   * applied here from the topic or a peer's log, or is in {@link #resume}'s resend list; none of it
   * will be handed to {@link #committed} in this term.
   *
   * @param epoch the write's epoch
   * @param sequence the write's sequence number
   */
  public void beginWrite(long epoch, long sequence) {
    lock.lock();
    try {
      if (epoch != termEpoch) {
        termEpoch = epoch;
        published = sequence - 1;
        pending.headMap(published, true).clear();
        highestCommitted = Math.max(highestCommitted, published);
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * @return the highest sequence number the broker is known to hold (or that needed no publishing:
   *     everything up to the point this replica last became primary)
   */
  public long published() {
    lock.lock();
    try {
      return published;
    } finally {
      lock.unlock();
    }
  }

  /**
   * @return whether this node may be called ready as far as writes go: its publisher has tried the
   *     broker once (it took writes from then on, or refuses them with a clear problem), or no
   *     publisher runs here
   */
  public boolean firstContactMade() {
    return publisherStage != 1;
  }

  /**
   * @return whether the publisher's last contact with the broker succeeded
   */
  public boolean brokerReachable() {
    lock.lock();
    try {
      return brokerReachable;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Refuses a write before it takes a sequence number while the broker is unreachable: it could not
   * be acknowledged, and committing it would only leave work for later.
   *
   * @throws ProblemException 503 {@link ProblemTypes#BROKER_UNAVAILABLE}
   */
  public void requireBroker() {
    if (!brokerReachable()) {
      throw brokerUnavailable(
          "the message broker is unreachable: the write was not made; retry soon");
    }
  }

  /**
   * Notes that the current request may be acknowledged only once the broker holds the write at
   * {@code sequence} (and so every write before it). Read back by {@link #takeAwaited()}.
   *
   * @param sequence a sequence number this request wrote, or replayed
   */
  public void acknowledgeAfter(long sequence) {
    long[] awaited = toAcknowledge.get();
    awaited[0] = Math.max(awaited[0], sequence);
  }

  /**
   * Notes that the current request replays an earlier write (an idempotent repeat): it may be
   * acknowledged once every write committed so far is published, since that one is among them.
   */
  public void acknowledgeAfterEverythingCommitted() {
    lock.lock();
    long upTo;
    try {
      upTo = highestCommitted;
    } finally {
      lock.unlock();
    }
    acknowledgeAfter(upTo);
  }

  /**
   * @return the sequence this thread's request waits for before it is acknowledged (0: none), and
   *     forgets it
   */
  public long takeAwaited() {
    long[] awaited = toAcknowledge.get();
    long sequence = awaited[0];
    awaited[0] = 0;
    return sequence;
  }

  /**
   * Waits until the broker holds the write at {@code sequence}.
   *
   * @param sequence a committed write's sequence number
   * @param timeoutMs the longest wait, ms
   * @throws ProblemException 503 {@link ProblemTypes#BROKER_UNAVAILABLE} when the broker is
   *     unreachable (at once) or has not confirmed within the timeout: the write is committed on
   *     this primary and goes out when the broker is back; a retry with the same idempotency key
   *     answers it then
   */
  public void awaitPublished(long sequence, long timeoutMs) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    lock.lock();
    try {
      while (published < sequence) {
        long left = deadline - System.nanoTime();
        if (!brokerReachable || left <= 0) {
          throw brokerUnavailable(
              "write "
                  + sequence
                  + " is committed on the primary but the message broker has not taken it"
                  + (brokerReachable ? " within " + timeoutMs + " ms" : ": it is unreachable")
                  + "; it is replicated when the broker is back, and a retry with the same Idempotency-Key answers it then");
        }
        changed.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw brokerUnavailable("interrupted while waiting for the broker to take write " + sequence);
    } finally {
      lock.unlock();
    }
  }

  /**
   * The publisher loop: waits for the next entry in sequence order, sends it with every entry after
   * it that has committed (up to {@link #MAX_BATCH}), and marks them published once the sender
   * returns. When the sender fails, the broker counts as unreachable: the loop tries to connect
   * every {@link #RETRY_PAUSE_MS} ms, counts it reachable again once it can, and sends the same
   * batch again.
   *
   * @param sender sends one batch in one broker transaction
   * @param running checked between batches: the loop ends once it says false
   */
  public void runPublisher(Sender sender, BooleanSupplier running) {
    publisherStage = 1;
    try {
      sender.connect();
      brokerBack();
    } catch (Exception e) {
      LOG.warning("the message broker is unreachable; writes are refused until it answers: " + e);
      brokerLost();
    } finally {
      publisherStage = 2;
    }
    while (running.getAsBoolean()) {
      if (!brokerReachable()) {
        try {
          sender.connect();
          brokerBack();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (Exception e) {
          LOG.fine("the message broker is still unreachable: " + e);
          if (!pause()) {
            return;
          }
          continue;
        }
      }
      List<Entry> batch;
      try {
        batch = nextBatch(RETRY_PAUSE_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (batch.isEmpty()) {
        continue;
      }
      try {
        sender.send(batch);
        sent(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        LOG.log(
            Level.WARNING,
            "could not publish writes "
                + batch.get(0).sequence()
                + ".."
                + batch.get(batch.size() - 1).sequence()
                + "; trying again in "
                + RETRY_PAUSE_MS
                + " ms: "
                + e,
            e);
        brokerLost();
        if (!pause()) {
          return;
        }
      }
    }
  }

  /** The broker answered (a connection was made): writes are taken again. */
  public void brokerBack() {
    lock.lock();
    try {
      if (!brokerReachable) {
        LOG.info(
            "the message broker is reachable again; "
                + pending.size()
                + " writes wait to be published");
      }
      brokerReachable = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The broker is unreachable: new writes are refused and waiting callers answered at once. */
  public void brokerLost() {
    lock.lock();
    try {
      brokerReachable = false;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * @param maxWaitMs how long to wait for the next entry in order, ms
   * @return the consecutive entries after the published mark (at most {@link #MAX_BATCH}), or none
   *     when the next one has not committed within the wait
   */
  List<Entry> nextBatch(long maxWaitMs) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxWaitMs);
    lock.lock();
    try {
      if (!resend.isEmpty()) {
        return resend;
      }
      while (pending.isEmpty() || pending.firstKey() != published + 1) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return List.of();
        }
        changed.awaitNanos(left);
      }
      List<Entry> batch = new ArrayList<>();
      long next = published + 1;
      for (Map.Entry<Long, Entry> e : pending.tailMap(next).entrySet()) {
        if (e.getKey() != next || batch.size() == MAX_BATCH) {
          break;
        }
        batch.add(e.getValue());
        next++;
      }
      return batch;
    } finally {
      lock.unlock();
    }
  }

  /**
   * @param batch a batch from {@link #nextBatch} that the broker confirmed
   */
  void sent(List<Entry> batch) {
    lock.lock();
    try {
      if (batch == resend) {
        resend = List.of();
        return;
      }
      long last = batch.get(batch.size() - 1).sequence();
      if (last > published) {
        published = last;
      }
      pending.headMap(published, true).clear();
      brokerReachable = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * @return false when interrupted (the publisher is stopping)
   */
  private static boolean pause() {
    try {
      Thread.sleep(RETRY_PAUSE_MS); // a retry interval, not a wait for a condition
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static ProblemException brokerUnavailable(String detail) {
    return new ProblemException(
        new Problem(ProblemTypes.BROKER_UNAVAILABLE, "Broker Unavailable", 503, detail));
  }
}
