package bookstore.catalog.interfaces.rest;

import bookstore.api.NewItem;
import bookstore.api.PriceChange;
import bookstore.api.Restock;
import bookstore.api.internal.StockChange;
import bookstore.api.internal.StockTaken;
import bookstore.catalog.application.CatalogService;
import bookstore.platform.clients.CatalogApi;
import bookstore.api.internal.ItemRead;
import bookstore.api.internal.SearchRead;
import bookstore.replication.PeerClients;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The catalog replica's internal HTTP API ({@link CatalogApi}), over {@link CatalogService}.
 * Reads are served here; a write that reaches a backup is forwarded to the primary, which
 * sequences it (SPEC "Replication"). Every parameter was checked by the constraints {@link
 * CatalogApi} declares before a method here runs (400 problem+json otherwise).
 */
@RequestScoped
public class CatalogResource implements CatalogApi {
  @Inject CatalogService catalog;
  @Inject PeerClients primary;

  @Override
  public SearchRead search(String topic, long minSequence) {
    return catalog.search(topic, minSequence);
  }

  @Override
  public ItemRead lookup(int id, long minSequence) {
    return catalog.lookup(id, minSequence);
  }

  @Override
  public ItemRead byTitle(String title, long minSequence) {
    return catalog.lookupByTitle(title, minSequence);
  }

  @Override
  public StockTaken decrement(int id, StockChange change) {
    Optional<CatalogApi> forward = primary.forward(CatalogApi.class);
    return forward.isPresent()
        ? forward.get().decrement(id, change)
        : catalog.decrement(id, change.quantity(), change.requestId());
  }

  @Override
  public void cancel(String requestId) {
    Optional<CatalogApi> forward = primary.forward(CatalogApi.class);
    if (forward.isPresent()) {
      forward.get().cancel(requestId);
    } else {
      catalog.cancel(requestId);
    }
  }

  @Override
  public ItemRead restock(int id, Restock restock) {
    Optional<CatalogApi> forward = primary.forward(CatalogApi.class);
    return forward.isPresent() ? forward.get().restock(id, restock) : catalog.restock(id, restock.quantity());
  }

  @Override
  public ItemRead setPrice(int id, PriceChange change) {
    Optional<CatalogApi> forward = primary.forward(CatalogApi.class);
    return forward.isPresent() ? forward.get().setPrice(id, change) : catalog.setPrice(id, change.price());
  }

  @Override
  public ItemRead addItem(NewItem item) {
    Optional<CatalogApi> forward = primary.forward(CatalogApi.class);
    return forward.isPresent() ? forward.get().addItem(item) : catalog.addItem(item);
  }
}
