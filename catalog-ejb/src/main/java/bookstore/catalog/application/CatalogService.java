package bookstore.catalog.application;

import bookstore.api.BookSummary;
import bookstore.api.CatalogUpdate;
import bookstore.api.CatalogUpdate.Kind;
import bookstore.api.NewItem;
import bookstore.api.ProblemException;
import bookstore.api.StockTaken;
import bookstore.api.WriteStamp;
import bookstore.catalog.domain.Item;
import bookstore.catalog.domain.ItemRepository;
import bookstore.platform.clients.ItemRead;
import bookstore.platform.clients.SearchRead;
import bookstore.replication.WriteSequencer;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.List;

/**
 * The catalog's reads and writes. Every write takes the next (epoch, sequence) stamp first,
 * which locks the replica's state row: writes run one at a time in sequence order, so a check
 * followed by a change (enough stock? then take it) cannot interleave with another write
 * (SPEC guarantee 1). A write that fails throws a {@link ProblemException}, its transaction
 * rolls back, and nothing changes: not the item, not the sequence, no message.
 */
@Stateless
public class CatalogService {
  @Inject ItemRepository items;
  @Inject WriteSequencer sequencer;
  @Inject CatalogEvents events;

  /**
   * @param topic exact topic
   * @return its items, with the sequence number read before them (the hits are at least that
   *     new)
   */
  public SearchRead search(String topic) {
    long sequence = sequencer.current().getLastSequence();
    List<BookSummary> hits =
        items.byTopic(topic).stream().map(i -> new BookSummary(i.getId(), i.getTitle())).toList();
    return new SearchRead(sequence, hits);
  }

  /**
   * @param id item id
   * @return the item with the sequence number read before it
   * @throws ProblemException 404 when there is no such item
   */
  public ItemRead lookup(int id) {
    long sequence = sequencer.current().getLastSequence();
    return new ItemRead(sequence, existing(id).toApi());
  }

  /**
   * Takes units out of stock.
   *
   * @param id item id
   * @param quantity units, at least 1
   * @return what was taken, with the write's sequence number
   * @throws ProblemException 400 quantity below 1, 404 unknown item, 409 not enough stock
   */
  public StockTaken decrement(int id, int quantity) {
    requireQuantity(quantity);
    WriteStamp stamp = sequencer.next();
    Item item = existing(id);
    if (!item.take(quantity)) {
      throw ProblemException.conflict(
          "item " + id + " has " + item.getStock() + " in stock, " + quantity + " asked");
    }
    events.written(new CatalogUpdate(stamp, Kind.DECREMENT, item.toApi()));
    return new StockTaken(id, quantity, item.getPrice(), item.getStock(), stamp.sequence());
  }

  /**
   * Adds units to stock (an admin restock, the restock timer, or giving back the stock of a buy
   * that could not be recorded).
   *
   * @param id item id
   * @param quantity units, at least 1
   * @return the item after the write, at the write's sequence number
   * @throws ProblemException 400 quantity below 1, 404 unknown item
   */
  public ItemRead restock(int id, int quantity) {
    requireQuantity(quantity);
    WriteStamp stamp = sequencer.next();
    Item item = existing(id);
    item.restock(quantity);
    return written(stamp, Kind.RESTOCK, item);
  }

  /**
   * @param id item id
   * @param price new price, at least 0, at most 2 decimal places
   * @return the item after the write, at the write's sequence number
   * @throws ProblemException 400 bad price, 404 unknown item
   */
  public ItemRead setPrice(int id, BigDecimal price) {
    requirePrice(price);
    WriteStamp stamp = sequencer.next();
    Item item = existing(id);
    item.setPrice(price);
    return written(stamp, Kind.PRICE, item);
  }

  /**
   * @param request title, topic, stock, price of the new item
   * @return the item with its id, the next after the highest in use, at the write's sequence
   * @throws ProblemException 400 when a field is missing or out of range
   */
  public ItemRead addItem(NewItem request) {
    if (request.title() == null || request.title().isBlank() || request.title().length() > 200) {
      throw ProblemException.badRequest("title must be 1 to 200 characters");
    }
    if (request.topic() == null || request.topic().isBlank() || request.topic().length() > 100) {
      throw ProblemException.badRequest("topic must be 1 to 100 characters");
    }
    if (request.stock() == null || request.stock() < 0) {
      throw ProblemException.badRequest("stock must be a whole number of at least 0");
    }
    requirePrice(request.price());
    WriteStamp stamp = sequencer.next();
    Item item =
        new Item(
            items.maxId() + 1,
            request.title().strip(),
            request.topic().strip(),
            request.stock(),
            request.price());
    items.add(item);
    return written(stamp, Kind.NEW_ITEM, item);
  }

  private ItemRead written(WriteStamp stamp, Kind kind, Item item) {
    bookstore.api.Item state = item.toApi();
    events.written(new CatalogUpdate(stamp, kind, state));
    return new ItemRead(stamp.sequence(), state);
  }

  private Item existing(int id) {
    return items.find(id).orElseThrow(() -> ProblemException.notFound("no item " + id));
  }

  private static void requireQuantity(int quantity) {
    if (quantity < 1) {
      throw ProblemException.badRequest("quantity must be at least 1, got " + quantity);
    }
  }

  private static void requirePrice(BigDecimal price) {
    if (price == null || price.signum() < 0 || price.stripTrailingZeros().scale() > 2
        || price.compareTo(new BigDecimal("1000000000")) >= 0) {
      throw ProblemException.badRequest(
          "price must be at least 0 and below 1e9 with at most 2 decimal places, got " + price);
    }
  }
}
