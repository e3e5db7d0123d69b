package bookstore.order.infrastructure.persistence;

import bookstore.order.domain.CustomerOrder;
import bookstore.order.domain.OrderRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/** {@link OrderRepository} over JPA (EclipseLink) on this replica's Derby database. */
@ApplicationScoped
public class JpaOrderRepository implements OrderRepository {
  @PersistenceContext(unitName = "bookstore")
  EntityManager em;

  @Override
  public Optional<CustomerOrder> find(long orderNumber) {
    return Optional.ofNullable(em.find(CustomerOrder.class, orderNumber));
  }

  @Override
  public Optional<CustomerOrder> byIdempotencyKey(String idempotencyKey) {
    return em.createNamedQuery(CustomerOrder.BY_IDEMPOTENCY_KEY, CustomerOrder.class)
        .setParameter("idempotencyKey", idempotencyKey)
        .getResultStream()
        .findFirst();
  }

  @Override
  public List<CustomerOrder> all() {
    return em.createNamedQuery(CustomerOrder.ALL, CustomerOrder.class).getResultList();
  }

  @Override
  public void add(CustomerOrder order) {
    em.persist(order);
  }

  @Override
  public void clear() {
    // one by one, through the persistence context: a bulk delete or em.clear() would leave it
    // out of step with the database (or detach the caller's locked replica state)
    all().forEach(em::remove);
    em.flush();
  }
}
