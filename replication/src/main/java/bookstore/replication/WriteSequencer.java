package bookstore.replication;

import bookstore.api.WriteStamp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * Gives each write of this service its (replica, epoch, sequence) stamp. The stamp is taken
 * under a row lock on {@link ReplicaState} inside the caller's transaction, so writes are
 * serialised in sequence order and a rolled-back write leaves no gap in the sequence.
 */
@ApplicationScoped
public class WriteSequencer {
  /** The epoch a fresh database starts in. */
  public static final long FIRST_EPOCH = 1;

  @PersistenceContext(unitName = "bookstore")
  EntityManager em;

  @Inject ReplicaIdentity identity;

  /**
   * Stamps the caller's write. Must run inside the write's transaction.
   *
   * @return the stamp with the next sequence number of the current epoch
   */
  @Transactional(TxType.MANDATORY)
  public WriteStamp next() {
    ReplicaState state = lockedState();
    long sequence = state.advance();
    return new WriteStamp(identity.replicaId(), state.getEpoch(), sequence);
  }

  /** @return the current state row, read without a lock (a snapshot for status pages) */
  @Transactional(TxType.SUPPORTS)
  public ReplicaState current() {
    ReplicaState state = em.find(ReplicaState.class, ReplicaState.SINGLETON_ID);
    return state != null ? state : new ReplicaState(FIRST_EPOCH);
  }

  private ReplicaState lockedState() {
    ReplicaState state =
        em.find(ReplicaState.class, ReplicaState.SINGLETON_ID, LockModeType.PESSIMISTIC_WRITE);
    if (state == null) {
      state = new ReplicaState(FIRST_EPOCH);
      em.persist(state);
    }
    return state;
  }
}
