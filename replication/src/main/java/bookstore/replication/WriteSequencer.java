package bookstore.replication;

import bookstore.api.ProblemException;
import bookstore.api.ProblemTypes;
import bookstore.api.replication.WriteStamp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Gives each write of this service its (replica, epoch, sequence) stamp. The stamp is taken under a
 * row lock on {@link ReplicaState} inside the caller's transaction, so writes are serialised in
 * sequence order and a rolled-back write leaves no gap in the sequence. Appliers on backups take
 * the same lock, so a write and an apply never interleave on one replica. Every transaction that
 * took the lock hands the state it committed to {@link CommittedPosition}, which reads ({@link
 * #current()}) are served from.
 */
@ApplicationScoped
public class WriteSequencer {
  /** The epoch a fresh database starts in. */
  public static final long FIRST_EPOCH = 1;

  @PersistenceContext(unitName = "bookstore")
  EntityManager em;

  @Inject ReplicaIdentity identity;
  @Inject Membership membership;
  @Inject Outbox outbox;
  @Inject CommittedPosition committed;

  /** Numbers the commits of state-row transactions, taken while the row lock is still held. */
  private final AtomicLong commitOrdinal = new AtomicLong();

  /**
   * Locks this replica's state row until the caller's transaction ends, creating it on a fresh
   * database. Check what must be checked after this, then call {@link #stamp}.
   *
   * @return the locked state
   */
  @Transactional(TxType.MANDATORY)
  public ReplicaState lock() {
    ReplicaState state =
        em.find(ReplicaState.class, ReplicaState.SINGLETON_ID, LockModeType.PESSIMISTIC_WRITE);
    if (state == null) { // only before ReplicaStateInitializer ran (it creates the row first)
      state = new ReplicaState(FIRST_EPOCH);
      em.persist(state);
      em.flush();
    }
    publishOnCommit(state);
    return state;
  }

  /**
   * Once per transaction: when it commits, {@link CommittedPosition} takes the row as committed.
   * The values and their ordinal are taken before completion, while the row lock is held, so
   * ordinals follow commit order whatever order the after-commit callbacks run in.
   */
  private void publishOnCommit(ReplicaState state) {
    TransactionSynchronizationRegistry transactions = ServerResources.transactions();
    if (transactions.getResource(CommittedPosition.class) != null) {
      return;
    }
    transactions.putResource(CommittedPosition.class, Boolean.TRUE);
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          private CommittedPosition.Position taken;

          @Override
          public void beforeCompletion() {
            taken =
                new CommittedPosition.Position(
                    state.getEpoch(),
                    state.getLastSequence(),
                    state.getLastEpoch(),
                    commitOrdinal.incrementAndGet());
          }

          @Override
          public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED && taken != null) {
              committed.committed(taken);
            }
          }
        });
  }

  /**
   * Locks the state row for a write of this service's own: only the primary writes, and only in the
   * epoch it started (a primary asked to step down refuses from then on).
   *
   * @return the locked state
   * @throws bookstore.api.ProblemException 503 {@code urn:bookstore:no-primary} on any other
   *     replica, on a primary that has stepped down, and on one that lost its lease ({@link
   *     Membership#holdsLease()}); 503 {@code urn:bookstore:broker-unavailable} while the outbox
   *     cannot reach the broker (the write could not be acknowledged: it takes no sequence number)
   */
  @Transactional(TxType.MANDATORY)
  ReplicaState lockForWrite() {
    // primary and lease first: a primary that was frozen or cut off answers no-primary, which
    // tells its callers (the order service deciding whether to give stock back) that a newer
    // primary may be taking the same request; only then the broker
    if (!membership.isPrimary()) {
      throw notPrimary();
    }
    if (!membership.holdsLease()) {
      throw ProblemTypes.noPrimary(
          "replica "
              + identity.replicaId()
              + " of "
              + identity.service()
              + " has not been followed by a majority of its replicas lately: it may have been"
              + " replaced, so it acknowledges no write");
    }
    outbox.requireBroker();
    ReplicaState state = lock();
    if (!membership.isPrimary() || state.getEpoch() != membership.epoch()) {
      throw notPrimary();
    }
    return state;
  }

  private ProblemException notPrimary() {
    return ProblemTypes.noPrimary(
        "replica " + identity.replicaId() + " of " + identity.service() + " is not the primary");
  }

  /**
   * Runs one write of this service's own in the caller's transaction: the template every write
   * method follows. It locks the state row first ({@link #lockForWrite()}: only the primary, in its
   * epoch, with the broker reachable), so the body's checks (enough stock? a key seen before?)
   * cannot interleave with another write (SPEC guarantee 1). The body then takes the write's stamp
   * with {@link Write#stamp()} before it changes anything replicated. A body that returns or throws
   * without stamping took no sequence number; one that throws after stamping rolls its transaction
   * back, and with it the number.
   *
   * @param body the write: checks, {@link Write#stamp()}, the change and its event
   * @param <T> what the write answers
   * @return what the body returns
   * @throws bookstore.api.ProblemException 503 from {@link #lockForWrite()} before the body runs,
   *     or whatever the body throws
   */
  @Transactional(TxType.MANDATORY)
  public <T> T write(Function<Write, T> body) {
    return body.apply(new Write(lockForWrite()));
  }

  /** A write under way: the caller's transaction holds the state row's lock. */
  public final class Write {
    private final ReplicaState locked;
    private boolean stamped;

    private Write(ReplicaState locked) {
      this.locked = locked;
    }

    /**
     * Takes the write's (replica, epoch, sequence number): the next sequence number of the current
     * epoch, and tells the outbox a write is under way.
     *
     * @return the write's stamp
     * @throws IllegalStateException when this write already took one (a write is one sequence
     *     number)
     */
    public WriteStamp stamp() {
      if (stamped) {
        throw new IllegalStateException("a write takes one sequence number");
      }
      stamped = true;
      return WriteSequencer.this.stamp(locked);
    }
  }

  /**
   * @param locked the state returned by {@link #lockForWrite()} in this transaction
   * @return the stamp with the next sequence number of the current epoch
   */
  WriteStamp stamp(ReplicaState locked) {
    long sequence = locked.advance();
    outbox.beginWrite(locked.getEpoch(), sequence);
    return new WriteStamp(identity.replicaId(), locked.getEpoch(), sequence);
  }

  /**
   * @return this replica's position as last committed (a copy, for reads, heartbeats and status),
   *     from memory; read from the database only until the first transaction that locked the row
   *     has committed
   */
  @Transactional(TxType.SUPPORTS)
  public ReplicaState current() {
    CommittedPosition.Position held = committed.get();
    if (held != null) {
      return new ReplicaState(held.epoch(), held.lastSequence(), held.lastEpoch());
    }
    ReplicaState state = em.find(ReplicaState.class, ReplicaState.SINGLETON_ID);
    return state != null ? state : new ReplicaState(FIRST_EPOCH);
  }
}
