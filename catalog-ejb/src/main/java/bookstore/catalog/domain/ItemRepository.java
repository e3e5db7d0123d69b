package bookstore.catalog.domain;

import java.util.List;
import java.util.Optional;

/** Where catalog items are kept. */
public interface ItemRepository {

  /** @param id item id @return the item, or empty when there is none */
  Optional<Item> find(int id);

  /** @param topic exact topic @return its items ordered by id, possibly none */
  List<Item> byTopic(String topic);

  /** @return every item ordered by id */
  List<Item> all();

  /** @return the highest item id in use, 0 when the catalog is empty */
  int maxId();

  /** @param item a new item to keep */
  void add(Item item);
}
