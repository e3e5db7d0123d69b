package bookstore.catalog.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bookstore.api.BookSummary;
import bookstore.api.Item;
import bookstore.api.NewItem;
import bookstore.api.ProblemException;
import bookstore.api.internal.StockTaken;
import bookstore.api.replication.CatalogUpdate;
import bookstore.catalog.domain.ItemRepository;
import bookstore.catalog.infrastructure.persistence.CatalogSeeder;
import bookstore.platform.security.ClusterSecret;
import bookstore.replication.WriteSequencer;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The catalog's EJB inside Payara Micro, on a real Derby database: search, lookup, and a decrement
 * that refuses to take stock below zero and then changes nothing.
 */
@ExtendWith(ArquillianExtension.class)
class CatalogServiceArquillianTest {

  @Deployment
  static WebArchive deployment() {
    return ShrinkWrap.create(WebArchive.class, "catalog-test.war")
        .addPackages(
            false,
            "bookstore.api",
            "bookstore.api.internal",
            "bookstore.api.replication",
            "bookstore.api.validation")
        .addPackages(
            false,
            "bookstore.replication",
            "bookstore.replication.health",
            "bookstore.replication.rest")
        .addPackages(false, "bookstore.platform.rest", "bookstore.platform.clients")
        // the secret the Rest Clients send; not the replicas' check of it
        // (bookstore.replication.security):
        // Arquillian's own servlet, which runs these tests, could not send it
        .addClass(ClusterSecret.class)
        .addPackages(false, ItemRepository.class.getPackage())
        .addClasses(
            CatalogService.class, CatalogEvents.class, CatalogState.class, CatalogSnapshot.class)
        .addClasses(RecordingCatalogEvents.class)
        .addPackages(false, CatalogSeeder.class.getPackage())
        .addPackages(false, "bookstore.catalog.interfaces.rest")
        .addAsResource("META-INF/persistence.xml")
        .addAsResource("META-INF/microprofile-config.properties")
        .addAsResource("catalog-data/books.json")
        .addAsWebInfResource(new java.io.File("src/main/webapp/WEB-INF/ejb-jar.xml"), "ejb-jar.xml")
        .addAsWebInfResource(new java.io.File("src/main/webapp/WEB-INF/beans.xml"), "beans.xml");
  }

  @Inject CatalogService catalog;
  @Inject RecordingCatalogEvents events;
  @Inject WriteSequencer sequencer;

  @Test
  void searchReturnsTheSeededBooksOfATopicAndNothingForAnUnknownOne() {
    List<String> titles =
        catalog.search("distributed systems", 0).books().stream().map(BookSummary::title).toList();
    assertTrue(titles.contains("RPCs for Dummies"), titles.toString());
    assertTrue(
        titles.contains("How to get a good grade in 677 in 20 minutes a day"), titles.toString());
    assertTrue(
        titles.stream().noneMatch(t -> t.startsWith("Xen")), "a graduate school book: " + titles);
    assertEquals(List.of(), catalog.search("no such topic", 0).books());
  }

  @Test
  void lookupReturnsTheItemAndAnUnknownIdIsNotFound() {
    Item book = catalog.lookup(3, 0).item();
    assertEquals("Xen and the Art of Surviving Graduate School", book.title());
    assertEquals("graduate school", book.topic());
    assertEquals(new BigDecimal("25.00"), book.price());
    ProblemException unknown =
        assertThrows(ProblemException.class, () -> catalog.lookup(999_999, 0));
    assertEquals(404, unknown.problem().status());
  }

  @Test
  void decrementRefusesToTakeStockBelowZeroAndChangesNothingThen() {
    Item item =
        catalog
            .addItem(new NewItem("Last two copies", "arquillian", 2, new BigDecimal("5.00")))
            .item();
    StockTaken taken = catalog.decrement(item.id(), 2, key());
    assertEquals(0, taken.stockLeft());

    long sequenceBefore = sequencer.current().getLastSequence();
    int publishedBefore = events.published().size();
    ProblemException refused =
        assertThrows(ProblemException.class, () -> catalog.decrement(item.id(), 1, key()));

    assertEquals(409, refused.problem().status());
    assertEquals(0, catalog.lookup(item.id(), 0).item().stock());
    assertEquals(
        sequenceBefore,
        sequencer.current().getLastSequence(),
        "a refused write takes no sequence number");
    assertEquals(publishedBefore, events.published().size(), "a refused write publishes nothing");
  }

  @Test
  void aRepeatedIdempotencyKeyTakesStockOnceAndAnswersTheSame() {
    Item item =
        catalog.addItem(new NewItem("Retried", "arquillian", 10, new BigDecimal("3.00"))).item();
    String key = key();
    StockTaken first = catalog.decrement(item.id(), 4, key);
    StockTaken again = catalog.decrement(item.id(), 4, key);
    assertEquals(first, again);
    assertEquals(6, catalog.lookup(item.id(), 0).item().stock());
  }

  @Test
  void cancelGivesABuysStockBackOnce() {
    Item item =
        catalog.addItem(new NewItem("Given back", "arquillian", 10, new BigDecimal("3.00"))).item();
    String key = key();
    catalog.decrement(item.id(), 3, key);
    catalog.cancel(key);
    catalog.cancel(key);
    catalog.cancel(key());
    assertEquals(10, catalog.lookup(item.id(), 0).item().stock());
  }

  private static String key() {
    return java.util.UUID.randomUUID().toString();
  }

  @Test
  void everyWriteIsPublishedWithTheNextSequenceNumber() {
    Item item =
        catalog.addItem(new NewItem("Sequenced", "arquillian", 5, new BigDecimal("1.00"))).item();
    catalog.decrement(item.id(), 1, key());
    catalog.setPrice(item.id(), new BigDecimal("2.50"));
    catalog.restock(item.id(), 3);

    List<CatalogUpdate> mine =
        events.published().stream().filter(u -> u.item().id() == item.id()).toList();
    assertEquals(
        List.of(
            CatalogUpdate.Kind.NEW_ITEM,
            CatalogUpdate.Kind.DECREMENT,
            CatalogUpdate.Kind.PRICE,
            CatalogUpdate.Kind.RESTOCK),
        mine.stream().map(CatalogUpdate::kind).toList());
    for (int i = 1; i < mine.size(); i++) {
      assertEquals(mine.get(i - 1).stamp().sequence() + 1, mine.get(i).stamp().sequence());
    }
    assertEquals(7, mine.get(3).item().stock());
    assertEquals(new BigDecimal("2.50"), mine.get(3).item().price());
  }
}
