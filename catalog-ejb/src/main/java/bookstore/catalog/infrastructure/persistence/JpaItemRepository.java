package bookstore.catalog.infrastructure.persistence;

import bookstore.catalog.domain.Item;
import bookstore.catalog.domain.ItemRepository;
import bookstore.catalog.domain.StockDecrement;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/** {@link ItemRepository} over JPA (EclipseLink) on this replica's Derby database. */
@ApplicationScoped
public class JpaItemRepository implements ItemRepository {
  @PersistenceContext(unitName = "bookstore")
  EntityManager em;

  @Override
  public Optional<Item> find(int id) {
    return Optional.ofNullable(em.find(Item.class, id));
  }

  @Override
  public List<Item> byTopic(String topic) {
    return em.createNamedQuery(Item.BY_TOPIC, Item.class).setParameter("topic", topic).getResultList();
  }

  @Override
  public Optional<Item> byTitle(String title) {
    return em.createNamedQuery(Item.BY_TITLE, Item.class)
        .setParameter("title", title)
        .setMaxResults(1)
        .getResultStream()
        .findFirst();
  }

  @Override
  public List<Item> all() {
    return em.createNamedQuery(Item.ALL, Item.class).getResultList();
  }

  @Override
  public int maxId() {
    Integer max = em.createNamedQuery(Item.MAX_ID, Integer.class).getSingleResult();
    return max == null ? 0 : max;
  }

  @Override
  public void add(Item item) {
    em.persist(item);
  }

  @Override
  public Optional<StockDecrement> decrement(String requestId) {
    return Optional.ofNullable(em.find(StockDecrement.class, requestId));
  }

  @Override
  public void add(StockDecrement decrement) {
    em.persist(decrement);
  }

  @Override
  public List<StockDecrement> decrements() {
    return em.createNamedQuery(StockDecrement.ALL, StockDecrement.class).getResultList();
  }

  @Override
  public void clear() {
    // one by one, through the persistence context: a bulk delete or em.clear() would leave it
    // out of step with the database (or detach the caller's locked replica state)
    decrements().forEach(em::remove);
    all().forEach(em::remove);
    em.flush();
  }
}
