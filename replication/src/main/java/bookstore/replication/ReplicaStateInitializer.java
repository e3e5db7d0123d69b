package bookstore.replication;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Creates the {@link ReplicaState} row of a fresh database once, at deployment, before the
 * beans that write ({@code @DependsOn} it: the seeder, the catch-up timer), so that two of them
 * never race to insert it.
 */
@Singleton
@Startup
public class ReplicaStateInitializer {
  /** The bean name to put in {@code @DependsOn}. */
  public static final String NAME = "ReplicaStateInitializer";

  @PersistenceContext(unitName = "bookstore")
  EntityManager em;

  @PostConstruct
  void createStateRow() {
    if (em.find(ReplicaState.class, ReplicaState.SINGLETON_ID) == null) {
      em.persist(new ReplicaState(WriteSequencer.FIRST_EPOCH));
    }
  }
}
