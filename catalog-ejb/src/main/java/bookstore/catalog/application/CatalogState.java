package bookstore.catalog.application;

import bookstore.api.replication.CatalogUpdate;
import bookstore.api.replication.WriteStamp;
import bookstore.catalog.domain.CatalogItem;
import bookstore.catalog.domain.ItemRepository;
import bookstore.catalog.domain.StockDecrement;
import bookstore.platform.messaging.JsonMessages;
import bookstore.replication.ReplicatedState;
import bookstore.replication.StateDigest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;

/**
 * The catalog as replicated state: applies {@link CatalogUpdate}s (the item's state after the
 * write, and the buy's decrement under its request id), takes and installs {@link
 * CatalogSnapshot}s, and digests items and decrements in key order.
 */
@ApplicationScoped
public class CatalogState implements ReplicatedState {
  @Inject ItemRepository items;

  @Override
  public String service() {
    return "catalog";
  }

  @Override
  public WriteStamp stampOf(String updateJson) {
    return JsonMessages.fromJson(updateJson, CatalogUpdate.class).stamp();
  }

  @Override
  public void apply(String updateJson) {
    CatalogUpdate update = JsonMessages.fromJson(updateJson, CatalogUpdate.class);
    Optional<CatalogItem> item = items.find(update.item().id());
    if (item.isPresent()) {
      item.get().copyFrom(update.item());
    } else {
      items.add(CatalogItem.of(update.item()));
    }
    switch (update.kind()) {
      case DECREMENT -> {
        Optional<StockDecrement> known = items.decrement(update.idempotencyKey());
        if (known.isPresent()) {
          known
              .get()
              .retake(update.item().price(), update.item().stock(), update.stamp().sequence());
        } else {
          items.add(
              new StockDecrement(
                  update.idempotencyKey(),
                  update.item().id(),
                  update.quantity(),
                  update.item().price(),
                  update.item().stock(),
                  update.stamp().sequence()));
        }
      }
      case CANCEL -> items.decrement(update.idempotencyKey()).ifPresent(StockDecrement::cancel);
      default -> {
        // the item's new state is all there is
      }
    }
  }

  @Override
  public String snapshot() {
    return JsonMessages.toJson(
        new CatalogSnapshot(
            items.all().stream().map(CatalogItem::toApi).toList(),
            items.decrements().stream()
                .map(
                    d ->
                        new CatalogSnapshot.Decrement(
                            d.getIdempotencyKey(),
                            d.getItemId(),
                            d.getQuantity(),
                            d.getUnitPrice(),
                            d.getStockLeft(),
                            d.getSequence(),
                            d.isCancelled()))
                .toList()));
  }

  @Override
  public void install(String snapshotJson) {
    CatalogSnapshot snapshot = JsonMessages.fromJson(snapshotJson, CatalogSnapshot.class);
    items.clear();
    snapshot.items().forEach(i -> items.add(CatalogItem.of(i)));
    for (CatalogSnapshot.Decrement d : snapshot.decrements()) {
      StockDecrement decrement =
          new StockDecrement(
              d.idempotencyKey(),
              d.itemId(),
              d.quantity(),
              d.unitPrice(),
              d.stockLeft(),
              d.sequence());
      if (d.cancelled()) {
        decrement.cancel();
      }
      items.add(decrement);
    }
  }

  @Override
  @Transactional
  public String digest() {
    StateDigest digest = new StateDigest();
    for (CatalogItem i : items.all()) {
      digest.add(
          "item",
          i.getId(),
          i.getTitle(),
          i.getTopic(),
          i.getStock(),
          i.getPrice().toPlainString());
    }
    for (StockDecrement d : items.decrements()) {
      digest.add(
          "decrement", d.getIdempotencyKey(), d.getItemId(), d.getQuantity(), d.isCancelled());
    }
    return digest.hex();
  }
}
