package bookstore.frontend.infrastructure.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bookstore.api.BookSummary;
import bookstore.api.Item;
import bookstore.api.internal.ItemRead;
import bookstore.api.internal.SearchRead;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The read cache's sequence rule (SPEC guarantee 5): no fill older than what it knows. */
class ReadCacheTest {
  private final ReadCache cache = new ReadCache(100, true);

  private static ItemRead read(long sequence, int stock) {
    return new ItemRead(
        sequence,
        new Item(1, "RPCs for Dummies", "distributed systems", stock, new BigDecimal("15.50")),
        1);
  }

  @Test
  void aFillIsServedUntilTheItemIsInvalidated() {
    assertTrue(cache.putItem(read(4, 10)));
    assertEquals(10, cache.item(1).orElseThrow().item().stock());
    cache.invalidateItem(1, 5);
    assertEquals(Optional.empty(), cache.item(1));
  }

  @Test
  void aFillReadBeforeAnInvalidationAlreadySeenIsRefused() {
    cache.invalidateItem(1, 7);
    assertFalse(cache.putItem(read(6, 10)), "read at 6, the item changed at 7");
    assertEquals(Optional.empty(), cache.item(1));
    assertTrue(cache.putItem(read(7, 9)));
    assertEquals(9, cache.item(1).orElseThrow().item().stock());
  }

  @Test
  void anOlderFillNeverReplacesANewerEntry() {
    cache.putItem(read(9, 3));
    assertFalse(cache.putItem(read(8, 4)));
    assertEquals(3, cache.item(1).orElseThrow().item().stock());
  }

  @Test
  void anInvalidationOlderThanOneSeenDoesNotLowerTheMark() {
    cache.invalidateItem(1, 9);
    cache.invalidateItem(1, 3);
    assertFalse(cache.putItem(read(8, 4)));
  }

  @Test
  void searchesFollowTheSameRulePerTopic() {
    SearchRead hits = new SearchRead(2, List.of(new BookSummary(1, "RPCs for Dummies")), 1);
    assertTrue(cache.putSearch("distributed systems", hits));
    cache.invalidateTopic("distributed systems", 3);
    assertEquals(Optional.empty(), cache.search("distributed systems"));
    assertFalse(cache.putSearch("distributed systems", hits));
    assertTrue(cache.putSearch("graduate school", hits), "another topic is not affected");
  }

  @Test
  void aDisabledCacheServesNothingAndCountsHitsWhenOn() {
    cache.putItem(read(1, 5));
    cache.item(1);
    cache.item(2);
    assertEquals(1, cache.stats().hitCount());
    assertEquals(1, cache.stats().missCount());
    cache.setEnabled(false);
    assertEquals(Optional.empty(), cache.item(1));
    cache.setEnabled(true);
    assertEquals(Optional.empty(), cache.item(1), "turning the cache off flushed it");
  }

  @Test
  void aLookupByTitleIsServedFromTheItemsEntryAndDroppedWithIt() {
    assertEquals(Optional.empty(), cache.itemIdOf("RPCs for Dummies"));
    assertTrue(cache.putItemByTitle("RPCs for Dummies", read(4, 10)));
    assertEquals(Optional.of(1), cache.itemIdOf("RPCs for Dummies"));
    assertEquals(
        10, cache.item(1).orElseThrow().item().stock(), "the title's read fills the id's entry");
    cache.invalidateItem(1, 5);
    assertEquals(Optional.empty(), cache.item(1), "a write to the item drops what the title read");
    assertEquals(
        Optional.of(1),
        cache.itemIdOf("RPCs for Dummies"),
        "titles never change: the mapping stays");
    cache.setEnabled(false);
    assertEquals(
        Optional.empty(),
        cache.itemIdOf("RPCs for Dummies"),
        "nothing is served while the cache is off");
  }
}
