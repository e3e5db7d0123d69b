package bookstore.catalog.application;

import bookstore.api.BookSummary;
import bookstore.api.NewItem;
import bookstore.api.ProblemException;
import bookstore.api.ProblemTypes;
import bookstore.api.internal.ItemRead;
import bookstore.api.internal.SearchRead;
import bookstore.api.internal.StockTaken;
import bookstore.api.replication.CatalogUpdate;
import bookstore.api.replication.CatalogUpdate.Kind;
import bookstore.api.replication.WriteStamp;
import bookstore.catalog.domain.CatalogItem;
import bookstore.catalog.domain.ItemRepository;
import bookstore.catalog.domain.StockDecrement;
import bookstore.replication.Outbox;
import bookstore.replication.ReadBarrier;
import bookstore.replication.ReplicaIdentity;
import bookstore.replication.WriteSequencer;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The catalog's reads and writes on this replica. Every write locks the replica's state row first:
 * writes run one at a time in sequence order, so a check followed by a change (enough stock? then
 * take it) cannot interleave with another write (SPEC guarantee 1). A write that is refused throws
 * a {@link ProblemException}, its transaction rolls back, and nothing changes: not the item, not
 * the sequence, no message. Writes run on the primary only (the resource forwards them there).
 * Reads join no transaction ({@code SUPPORTS}): each reads committed rows without the cost of
 * starting and committing a JTA transaction per lookup. Each command's fields were checked by its
 * Bean Validation constraints at the API ({@link bookstore.platform.clients.CatalogApi}, the
 * records of {@code bookstore.api}) before it gets here.
 */
@Stateless
public class CatalogService {
  @Inject ItemRepository items;
  @Inject WriteSequencer sequencer;
  @Inject CatalogEvents events;
  @Inject ReadBarrier barrier;
  @Inject ReplicaIdentity identity;
  @Inject Outbox outbox;

  /**
   * @param topic exact topic
   * @param minSequence the lowest sequence the read may see (0 for any); a replica behind it waits,
   *     then refuses with 503 {@code urn:bookstore:replica-behind}
   * @return its items, with the sequence number read before them (the hits are at least that new)
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public SearchRead search(String topic, long minSequence) {
    long sequence = barrier.await(minSequence);
    List<BookSummary> hits =
        items.byTopic(topic).stream().map(i -> new BookSummary(i.getId(), i.getTitle())).toList();
    return new SearchRead(sequence, hits, identity.replicaId());
  }

  /**
   * @param id item id
   * @param minSequence the lowest sequence the read may see (0 for any)
   * @return the item with the sequence number read before it
   * @throws ProblemException 404 when there is no such item; 503 replica behind
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public ItemRead lookup(int id, long minSequence) {
    long sequence = barrier.await(minSequence);
    return new ItemRead(sequence, existing(id).toApi(), identity.replicaId());
  }

  /**
   * @param title exact title
   * @param minSequence the lowest sequence the read may see (0 for any)
   * @return the item with that title (the lowest id if several), with the sequence read before
   * @throws ProblemException 404 when no item has that title; 503 replica behind
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public ItemRead lookupByTitle(String title, long minSequence) {
    long sequence = barrier.await(minSequence);
    CatalogItem item =
        items
            .byTitle(title)
            .orElseThrow(() -> ProblemException.notFound("no item titled '" + title + "'"));
    return new ItemRead(sequence, item.toApi(), identity.replicaId());
  }

  /**
   * Takes units out of stock for a buy. A request id that already took stock gets the first answer
   * again and takes nothing (SPEC guarantee 3); one whose stock was given back (its order could not
   * be recorded) takes it again.
   *
   * @param id item id
   * @param quantity units, at least 1
   * @param idempotencyKey the buy's idempotency key
   * @return what was taken, with the write's sequence number
   * @throws ProblemException 404 unknown item, 409 not enough stock, 422 the key was used for
   *     another item or quantity
   */
  public StockTaken decrement(int id, int quantity, String idempotencyKey) {
    return sequencer.write(
        write -> {
          Optional<StockDecrement> first = items.decrement(idempotencyKey);
          if (first.isPresent()
              && (first.get().getItemId() != id || first.get().getQuantity() != quantity)) {
            throw ProblemTypes.keyReused(
                idempotencyKey,
                first.get().getQuantity() + " of item " + first.get().getItemId()); // no change
          }
          if (first.isPresent() && !first.get().isCancelled()) {
            StockDecrement d = first.get();
            outbox.acknowledgeAfter(d.getSequence()); // the first answer once it is replicated
            return new StockTaken(
                d.getItemId(),
                d.getQuantity(),
                d.getUnitPrice(),
                d.getStockLeft(),
                d.getSequence());
          }
          CatalogItem item = existing(id);
          if (!item.take(quantity)) {
            throw ProblemException.conflict(
                "item " + id + " has " + item.getStock() + " in stock, " + quantity + " asked");
          }
          WriteStamp stamp = write.stamp();
          if (first.isPresent()) { // the buy is retried after its stock was given back: take again
            first.get().retake(item.getPrice(), item.getStock(), stamp.sequence());
          } else {
            items.add(
                new StockDecrement(
                    idempotencyKey,
                    id,
                    quantity,
                    item.getPrice(),
                    item.getStock(),
                    stamp.sequence()));
          }
          events.written(
              CatalogUpdate.now(stamp, Kind.DECREMENT, item.toApi(), idempotencyKey, quantity));
          return new StockTaken(id, quantity, item.getPrice(), item.getStock(), stamp.sequence());
        });
  }

  /**
   * Gives back the stock a buy took, once; a request id that took nothing, or gave it back already,
   * changes nothing.
   *
   * @param idempotencyKey the buy's idempotency key
   */
  public void cancel(String idempotencyKey) {
    sequencer.write(
        write -> {
          Optional<StockDecrement> taken =
              items.decrement(idempotencyKey).filter(d -> !d.isCancelled());
          if (taken.isEmpty()) {
            return false;
          }
          StockDecrement d = taken.get();
          CatalogItem item = existing(d.getItemId());
          item.restock(d.getQuantity());
          d.cancel();
          events.written(
              CatalogUpdate.now(
                  write.stamp(), Kind.CANCEL, item.toApi(), idempotencyKey, d.getQuantity()));
          return true;
        });
  }

  /**
   * Adds units to stock (an admin restock or the restock timer).
   *
   * @param id item id
   * @param quantity units, at least 1
   * @return the item after the write, at the write's sequence number
   * @throws ProblemException 404 unknown item
   */
  public ItemRead restock(int id, int quantity) {
    return sequencer.write(
        write -> {
          CatalogItem item = existing(id);
          item.restock(quantity);
          return written(write.stamp(), Kind.RESTOCK, item, quantity);
        });
  }

  /**
   * @param id item id
   * @param price new price, at least 0, at most 2 decimal places
   * @return the item after the write, at the write's sequence number
   * @throws ProblemException 404 unknown item
   */
  public ItemRead setPrice(int id, BigDecimal price) {
    return sequencer.write(
        write -> {
          CatalogItem item = existing(id);
          item.setPrice(price);
          return written(write.stamp(), Kind.PRICE, item, 0);
        });
  }

  /**
   * @param request title, topic, stock, price of the new item
   * @return the item with its id, the next after the highest in use, at the write's sequence
   */
  public ItemRead addItem(NewItem request) {
    return sequencer.write(
        write -> {
          CatalogItem item =
              new CatalogItem(
                  items.maxId() + 1,
                  request.title().strip(),
                  request.topic().strip(),
                  request.stock(),
                  request.price());
          items.add(item);
          return written(write.stamp(), Kind.NEW_ITEM, item, 0);
        });
  }

  /**
   * The ids of items whose stock is 0, for the restock timer.
   *
   * @return item ids, ascending
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<Integer> soldOut() {
    return items.all().stream().filter(i -> i.getStock() == 0).map(CatalogItem::getId).toList();
  }

  /**
   * Restocks an item to {@code level} if it is still sold out when the write lock is held: an
   * ordinary replicated write (SPEC "Restock").
   *
   * @param id item id
   * @param level stock to refill to, at least 1
   * @return whether the item was refilled
   */
  public boolean refillIfSoldOut(int id, int level) {
    return sequencer.write(
        write -> {
          Optional<CatalogItem> item = items.find(id).filter(i -> i.getStock() == 0);
          if (item.isEmpty()) {
            return false;
          }
          item.get().restock(level);
          written(write.stamp(), Kind.RESTOCK, item.get(), level);
          return true;
        });
  }

  private ItemRead written(WriteStamp stamp, Kind kind, CatalogItem item, int quantity) {
    bookstore.api.Item state = item.toApi();
    events.written(CatalogUpdate.now(stamp, kind, state, null, quantity));
    return new ItemRead(stamp.sequence(), state, identity.replicaId());
  }

  private CatalogItem existing(int id) {
    return items.find(id).orElseThrow(() -> ProblemException.notFound("no item " + id));
  }
}
