package bookstore.frontend.application;

import bookstore.api.NewItem;
import bookstore.api.Order;
import bookstore.api.PriceChange;
import bookstore.api.ProblemException;
import bookstore.api.Restock;
import bookstore.api.internal.ItemRead;
import bookstore.api.internal.PlaceOrder;
import bookstore.api.internal.PlacedOrder;
import bookstore.api.internal.SearchRead;
import bookstore.frontend.infrastructure.cache.ReadCache;
import bookstore.frontend.infrastructure.replicas.ReplicaDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.metrics.annotation.Timed;

/**
 * What the public API does: search and lookup through the read cache and then any replica, buys and
 * admin writes through the primaries. After a write this front end acknowledged, it drops its own
 * cached copy at once with the write's sequence number and makes every later read wait for that
 * sequence, so it never serves the older value (SPEC guarantee 5); writes by others arrive as
 * invalidation messages.
 */
@ApplicationScoped
public class Storefront {
  /** Replica id reported for an answer served from this front end's cache. */
  public static final int FROM_CACHE = 0;

  /** The MicroProfile Metrics timer of every public operation, tagged {@code operation}. */
  public static final String OPERATION_TIMER = "bookstore.operation";

  private static final String OPERATION_DESCRIPTION =
      "public operations served, and how long each took (cache hits included)";

  @Inject ReadCache cache;
  @Inject ReplicaDirectory replicas;
  @Inject SeenSequences seen;

  /**
   * @param topic exact topic
   * @return its books as {id, title}, possibly none, and who served them ({@link #FROM_CACHE})
   * @throws ProblemException 503 when no catalog replica answers
   */
  @Timed(
      name = OPERATION_TIMER,
      absolute = true,
      tags = "operation=search",
      description = OPERATION_DESCRIPTION)
  public SearchRead search(String topic) {
    return cache
        .search(topic)
        .map(hit -> new SearchRead(hit.sequence(), hit.books(), FROM_CACHE))
        .orElseGet(
            () -> {
              long min = seen.catalog();
              SearchRead read = replicas.readCatalog(api -> api.search(topic, min));
              cache.putSearch(topic, read);
              return read;
            });
  }

  /**
   * @param id item id
   * @return the item and who served it ({@link #FROM_CACHE} or a replica id)
   * @throws ProblemException 404 unknown item, 503 no catalog replica answers
   */
  @Timed(
      name = OPERATION_TIMER,
      absolute = true,
      tags = "operation=lookup",
      description = OPERATION_DESCRIPTION)
  public ItemRead lookup(int id) {
    return cache
        .item(id)
        .map(hit -> new ItemRead(hit.sequence(), hit.item(), FROM_CACHE))
        .orElseGet(
            () -> {
              long min = seen.catalog();
              ItemRead read = replicas.readCatalog(api -> api.lookup(id, min));
              cache.putItem(read);
              return read;
            });
  }

  /**
   * Finds an item by its exact title (the toy store's product name), through the same cache entries
   * and invalidations as {@link #lookup(int)} once the title's id is known.
   *
   * @param title exact title
   * @return the item and who served it ({@link #FROM_CACHE} or a replica id)
   * @throws ProblemException 404 no item with that title, 503 no catalog replica answers
   */
  @Timed(
      name = OPERATION_TIMER,
      absolute = true,
      tags = "operation=lookup-by-title",
      description = OPERATION_DESCRIPTION)
  public ItemRead lookupByTitle(String title) {
    Optional<Integer> id = cache.itemIdOf(title);
    if (id.isPresent()) {
      return lookup(id.get());
    }
    long min = seen.catalog();
    ItemRead read = replicas.readCatalog(api -> api.byTitle(title, min));
    cache.putItemByTitle(title, read);
    return read;
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
  @Timed(
      name = OPERATION_TIMER,
      absolute = true,
      tags = "operation=buy",
      description = OPERATION_DESCRIPTION)
  public PlacedOrder buy(int itemId, int quantity, String idempotencyKey) {
    PlacedOrder placed =
        replicas.writeOrders(api -> api.place(new PlaceOrder(itemId, quantity, idempotencyKey)));
    seen.orderWritten(placed.orderSequence());
    seen.catalogWritten(placed.catalogSequence());
    cache.invalidateItem(itemId, placed.catalogSequence());
    return placed;
  }

  /**
   * @param orderNumber order number
   * @return the order
   * @throws ProblemException 404 no such order, 503 unavailable
   */
  @Timed(
      name = OPERATION_TIMER,
      absolute = true,
      tags = "operation=order",
      description = OPERATION_DESCRIPTION)
  public Order order(long orderNumber) {
    long min = seen.order();
    return replicas.readOrders(api -> api.find(orderNumber, min)).order();
  }

  /**
   * @param item the new item
   * @return it with its id
   * @throws ProblemException 400, 503
   */
  public ItemRead addItem(NewItem item) {
    return written(replicas.writeCatalog(api -> api.addItem(item)));
  }

  /**
   * @param id item
   * @param price new price
   * @return the item
   * @throws ProblemException 400, 404
   */
  public ItemRead setPrice(int id, PriceChange price) {
    return written(replicas.writeCatalog(api -> api.setPrice(id, price)));
  }

  /**
   * @param id item
   * @param restock units to add
   * @return the item
   * @throws ProblemException 400, 404
   */
  public ItemRead restock(int id, Restock restock) {
    return written(replicas.writeCatalog(api -> api.restock(id, restock)));
  }

  private ItemRead written(ItemRead write) {
    seen.catalogWritten(write.sequence());
    cache.invalidateItem(write.item().id(), write.sequence());
    cache.invalidateTopic(write.item().topic(), write.sequence());
    return write;
  }
}
