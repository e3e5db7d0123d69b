package bookstore.catalog.domain;

import java.util.List;
import java.util.Optional;

/** Where catalog items, and the stock decrements of buys, are kept. */
public interface ItemRepository {

  /**
   * @param id item id
   * @return the item, or empty when there is none
   */
  Optional<CatalogItem> find(int id);

  /**
   * @param topic exact topic
   * @return its items ordered by id, possibly none
   */
  List<CatalogItem> byTopic(String topic);

  /**
   * @param title exact title
   * @return the item with that title and the lowest id, or empty
   */
  Optional<CatalogItem> byTitle(String title);

  /**
   * @return every item ordered by id
   */
  List<CatalogItem> all();

  /**
   * @return the highest item id in use, 0 when the catalog is empty
   */
  int maxId();

  /**
   * @param item a new item to keep
   */
  void add(CatalogItem item);

  /**
   * @param idempotencyKey a buy's idempotency key
   * @return the stock it took, or empty
   */
  Optional<StockDecrement> decrement(String idempotencyKey);

  /**
   * @param decrement the stock a buy took
   */
  void add(StockDecrement decrement);

  /**
   * @return every decrement ordered by request id
   */
  List<StockDecrement> decrements();

  /** Removes every item and decrement (a snapshot is about to replace them). */
  void clear();
}
