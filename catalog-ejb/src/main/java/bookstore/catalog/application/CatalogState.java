package bookstore.catalog.application;

import bookstore.catalog.domain.Item;
import bookstore.catalog.domain.ItemRepository;
import bookstore.replication.StateDigest;
import bookstore.replication.StateView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** The catalog's state digest: SHA-256 over every item (id, title, topic, stock, price) by id. */
@ApplicationScoped
public class CatalogState implements StateView {
  @Inject ItemRepository items;

  @Override
  @Transactional
  public String digest() {
    StateDigest digest = new StateDigest();
    for (Item i : items.all()) {
      digest.add(i.getId(), i.getTitle(), i.getTopic(), i.getStock(), i.getPrice().toPlainString());
    }
    return digest.hex();
  }
}
