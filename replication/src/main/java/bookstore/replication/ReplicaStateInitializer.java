package bookstore.replication;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Creates the {@link ReplicaState} row of a fresh database once, at deployment, before the beans
 * that write ({@code @DependsOn} it: the seeder, the catch-up timer), so that two of them never
 * race to insert it; and hands the row as found to {@link CommittedPosition}, so reads and
 * heartbeats are served from memory from the start.
 */
@Singleton
@Startup
public class ReplicaStateInitializer {
  /** The bean name to put in {@code @DependsOn}. */
  public static final String NAME = "ReplicaStateInitializer";

  @PersistenceContext(unitName = "bookstore")
  EntityManager em;

  @Inject CommittedPosition position;

  @PostConstruct
  void createStateRow() {
    ReplicaState state = em.find(ReplicaState.class, ReplicaState.SINGLETON_ID);
    if (state == null) {
      state = new ReplicaState(WriteSequencer.FIRST_EPOCH);
      em.persist(state);
    }
    // ordinal 0: any transaction that commits from now on is newer
    position.committed(
        new CommittedPosition.Position(
            state.getEpoch(), state.getLastSequence(), state.getLastEpoch(), 0));
  }
}
