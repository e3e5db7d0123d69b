package bookstore.catalog.infrastructure.persistence;

import bookstore.catalog.domain.CatalogItem;
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
  public Optional<CatalogItem> find(int id) {
    return Optional.ofNullable(em.find(CatalogItem.class, id));
  }

  @Override
  public List<CatalogItem> byTopic(String topic) {
    return em.createNamedQuery(CatalogItem.BY_TOPIC, CatalogItem.class)
        .setParameter("topic", topic)
        .getResultList();
  }

  @Override
  public Optional<CatalogItem> byTitle(String title) {
    return em.createNamedQuery(CatalogItem.BY_TITLE, CatalogItem.class)
        .setParameter("title", title)
        .setMaxResults(1)
        .getResultStream()
        .findFirst();
  }

  @Override
  public List<CatalogItem> all() {
    return em.createNamedQuery(CatalogItem.ALL, CatalogItem.class).getResultList();
  }

  @Override
  public int maxId() {
    Integer max = em.createNamedQuery(CatalogItem.MAX_ID, Integer.class).getSingleResult();
    return max == null ? 0 : max;
  }

  @Override
  public void add(CatalogItem item) {
    em.persist(item);
  }

  @Override
  public Optional<StockDecrement> decrement(String idempotencyKey) {
    return Optional.ofNullable(em.find(StockDecrement.class, idempotencyKey));
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
