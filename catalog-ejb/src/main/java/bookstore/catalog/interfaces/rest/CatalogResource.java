package bookstore.catalog.interfaces.rest;

import bookstore.api.NewItem;
import bookstore.api.PriceChange;
import bookstore.api.Restock;
import bookstore.api.internal.ItemRead;
import bookstore.api.internal.SearchRead;
import bookstore.api.internal.StockChange;
import bookstore.api.internal.StockTaken;
import bookstore.catalog.application.CatalogService;
import bookstore.platform.clients.CatalogApi;
import bookstore.replication.rest.WrittenByPrimary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The catalog replica's internal HTTP API ({@link CatalogApi}), over {@link CatalogService}. Reads
 * are served here; a write that reaches a backup is forwarded to the primary, which sequences it
 * (SPEC "Replication"): each write is {@link WrittenByPrimary}. Every parameter was checked by the
 * constraints {@link CatalogApi} declares before a method here runs (400 problem+json otherwise).
 */
@ApplicationScoped
public class CatalogResource implements CatalogApi {
  @Inject CatalogService catalog;

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
  @WrittenByPrimary
  public StockTaken decrement(int id, StockChange change) {
    return catalog.decrement(id, change.quantity(), change.idempotencyKey());
  }

  @Override
  @WrittenByPrimary
  public void cancel(String idempotencyKey) {
    catalog.cancel(idempotencyKey);
  }

  @Override
  @WrittenByPrimary
  public ItemRead restock(int id, Restock restock) {
    return catalog.restock(id, restock.quantity());
  }

  @Override
  @WrittenByPrimary
  public ItemRead setPrice(int id, PriceChange change) {
    return catalog.setPrice(id, change.price());
  }

  @Override
  @WrittenByPrimary
  public ItemRead addItem(NewItem item) {
    return catalog.addItem(item);
  }
}
