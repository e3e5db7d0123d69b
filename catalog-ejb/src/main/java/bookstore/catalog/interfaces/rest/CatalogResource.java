package bookstore.catalog.interfaces.rest;

import bookstore.api.NewItem;
import bookstore.api.PriceChange;
import bookstore.api.ProblemException;
import bookstore.api.Restock;
import bookstore.api.StockChange;
import bookstore.api.StockTaken;
import bookstore.catalog.application.CatalogService;
import bookstore.platform.clients.CatalogApi;
import bookstore.platform.clients.ItemRead;
import bookstore.platform.clients.SearchRead;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/** The catalog replica's internal HTTP API ({@link CatalogApi}), over {@link CatalogService}. */
@RequestScoped
public class CatalogResource implements CatalogApi {
  @Inject CatalogService catalog;

  @Override
  public SearchRead search(String topic) {
    if (topic == null || topic.isBlank()) {
      throw ProblemException.badRequest("query parameter 'topic' is required");
    }
    return catalog.search(topic);
  }

  @Override
  public ItemRead lookup(int id) {
    return catalog.lookup(id);
  }

  @Override
  public StockTaken decrement(int id, StockChange change) {
    if (change == null) {
      throw ProblemException.badRequest("the request needs a JSON body with 'quantity'");
    }
    return catalog.decrement(id, change.quantity());
  }

  @Override
  public ItemRead restock(int id, Restock restock) {
    if (restock == null || restock.quantity() == null) {
      throw ProblemException.badRequest("the request needs a JSON body with 'quantity'");
    }
    return catalog.restock(id, restock.quantity());
  }

  @Override
  public ItemRead setPrice(int id, PriceChange change) {
    if (change == null) {
      throw ProblemException.badRequest("the request needs a JSON body with 'price'");
    }
    return catalog.setPrice(id, change.price());
  }

  @Override
  public ItemRead addItem(NewItem item) {
    if (item == null) {
      throw ProblemException.badRequest("the request needs a JSON body");
    }
    return catalog.addItem(item);
  }
}
