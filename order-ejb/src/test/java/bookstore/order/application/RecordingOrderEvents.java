package bookstore.order.application;

import bookstore.api.replication.OrderUpdate;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stands in for the JMS adapter in the Arquillian deployment: keeps what would be published. */
@ApplicationScoped
public class RecordingOrderEvents implements OrderEvents {
  private final List<OrderUpdate> published = new CopyOnWriteArrayList<>();

  @Override
  public void placed(OrderUpdate update) {
    published.add(update);
  }

  /**
   * @return every update published so far, oldest first
   */
  public List<OrderUpdate> published() {
    return List.copyOf(published);
  }
}
