package bookstore.frontend.application;

import bookstore.api.BookSummary;
import bookstore.api.Item;
import bookstore.api.NewItem;
import bookstore.api.Order;
import bookstore.api.PlaceOrder;
import bookstore.api.PriceChange;
import bookstore.api.ProblemException;
import bookstore.api.Restock;
import bookstore.frontend.infrastructure.cache.ReadCache;
import bookstore.frontend.infrastructure.replicas.ReplicaDirectory;
import bookstore.platform.clients.ItemRead;
import bookstore.platform.clients.PlacedOrder;
import bookstore.platform.clients.SearchRead;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the public API does: search and lookup through the read cache, buys and admin writes
 * to the primaries. After a write this front end acknowledged, it drops its own cached copy at
 * once with the write's sequence number, so its next read cannot serve the older value (SPEC
 * guarantee 5); writes by others arrive as invalidation messages.
 */
@ApplicationScoped
public class Storefront {
  @Inject ReadCache cache;
  @Inject ReplicaDirectory replicas;

  /**
   * @param topic exact topic
   * @return its books as {id, title}, possibly none
   * @throws ProblemException 503 when no catalog replica answers
   */
  public List<BookSummary> search(String topic) {
    return cache
        .search(topic)
        .orElseGet(
            () -> {
              SearchRead read = call("catalog", () -> replicas.catalogForRead().search(topic));
              cache.putSearch(topic, read);
              return read;
            })
        .books();
  }

  /**
   * @param id item id
   * @return the item
   * @throws ProblemException 404 unknown item, 503 no catalog replica answers
   */
  public Item lookup(int id) {
    return cache
        .item(id)
        .orElseGet(
            () -> {
              ItemRead read = call("catalog", () -> replicas.catalogForRead().lookup(id));
              cache.putItem(read);
              return read;
            })
        .item();
  }

  /**
   * Buys through the order primary.
   *
   * @param itemId item id
   * @param quantity units, at least 1
   * @param idempotencyKey the client's key: a repeat returns the first order (SPEC guarantee 3)
   * @return the order, and whether it is a replay of the first result
   * @throws ProblemException 404 unknown item, 409 out of stock, 503 unavailable
   */
  public PlacedOrder buy(int itemId, int quantity, String idempotencyKey) {
    PlacedOrder placed =
        call("order", () -> replicas.orderPrimary().place(new PlaceOrder(itemId, quantity, idempotencyKey)));
    if (!placed.replayed()) {
      cache.invalidateItem(itemId, placed.catalogSequence());
    }
    return placed;
  }

  /**
   * @param orderNumber order number
   * @return the order
   * @throws ProblemException 404 no such order, 503 unavailable
   */
  public Order order(long orderNumber) {
    return call("order", () -> replicas.orderForRead().find(orderNumber));
  }

  /** @param item the new item @return it with its id @throws ProblemException 400, 503 */
  public Item addItem(NewItem item) {
    return written(call("catalog", () -> replicas.catalogPrimary().addItem(item)));
  }

  /** @param id item @param price new price @return the item @throws ProblemException 400, 404 */
  public Item setPrice(int id, PriceChange price) {
    return written(call("catalog", () -> replicas.catalogPrimary().setPrice(id, price)));
  }

  /** @param id item @param restock units to add @return the item @throws ProblemException 400, 404 */
  public Item restock(int id, Restock restock) {
    return written(call("catalog", () -> replicas.catalogPrimary().restock(id, restock)));
  }

  private Item written(ItemRead write) {
    cache.invalidateItem(write.item().id(), write.sequence());
    cache.invalidateTopic(write.item().topic(), write.sequence());
    return write.item();
  }

  private static <T> T call(String service, Supplier<T> request) {
    try {
      return request.get();
    } catch (ProcessingException e) {
      throw ProblemException.unavailable("the " + service + " service could not be reached");
    }
  }
}
