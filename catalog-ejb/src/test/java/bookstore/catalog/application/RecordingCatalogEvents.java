package bookstore.catalog.application;

import bookstore.api.replication.CatalogUpdate;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stands in for the JMS adapter in the Arquillian deployment: keeps what would be published. */
@ApplicationScoped
public class RecordingCatalogEvents implements CatalogEvents {
  private final List<CatalogUpdate> published = new CopyOnWriteArrayList<>();

  @Override
  public void written(CatalogUpdate update) {
    published.add(update);
  }

  /**
   * @return every update published so far, oldest first
   */
  public List<CatalogUpdate> published() {
    return List.copyOf(published);
  }
}
