package bookstore.order.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import bookstore.api.Order;
import bookstore.api.ProblemException;
import bookstore.api.internal.PlaceOrder;
import bookstore.order.domain.CustomerOrder;
import bookstore.order.domain.OrderRepository;
import bookstore.order.infrastructure.persistence.JpaOrderRepository;
import bookstore.platform.security.ClusterSecret;
import bookstore.replication.WriteSequencer;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The order service's EJBs inside Payara Micro, on a real Derby database, with the catalog replaced
 * by a fake: order numbers increase without gaps, even under concurrent buys; a repeat of an
 * idempotency key returns the first order; a refused buy takes no number.
 */
@ExtendWith(ArquillianExtension.class)
class OrderServiceArquillianTest {

  @Deployment
  static WebArchive deployment() {
    return ShrinkWrap.create(WebArchive.class, "order-test.war")
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
        .addPackages(false, OrderRepository.class.getPackage())
        .addPackages(false, JpaOrderRepository.class.getPackage())
        .addClasses(
            OrderService.class,
            OrderRecorder.class,
            OrderRecorder.Recorded.class,
            OrderEvents.class)
        .addClasses(
            CatalogStock.class,
            OrderState.class,
            OrderSnapshot.class,
            FakeCatalogStock.class,
            RecordingOrderEvents.class)
        .addPackages(false, "bookstore.order.interfaces.rest")
        .addAsResource("META-INF/persistence.xml")
        .addAsResource("META-INF/microprofile-config.properties")
        .addAsWebInfResource(new java.io.File("src/main/webapp/WEB-INF/ejb-jar.xml"), "ejb-jar.xml")
        .addAsWebInfResource(new java.io.File("src/main/webapp/WEB-INF/beans.xml"), "beans.xml");
  }

  @Inject OrderService orders;
  @Inject OrderRepository repository;
  @Inject RecordingOrderEvents events;
  @Inject WriteSequencer sequencer;

  @Test
  void orderNumbersIncreaseWithoutGapsUnderConcurrentBuys() throws Exception {
    long before = highestOrderNumber();
    int buyers = 20;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Order>> placed = new ArrayList<>();
    try {
      for (int i = 0; i < buyers; i++) {
        placed.add(
            pool.submit(
                () -> orders.place(new PlaceOrder(1, 1, UUID.randomUUID().toString())).order()));
      }
      List<Long> numbers = new ArrayList<>();
      for (Future<Order> f : placed) {
        numbers.add(f.get().orderNumber());
      }
      numbers.sort(null);
      List<Long> expected = new ArrayList<>();
      for (long n = before + 1; n <= before + buyers; n++) {
        expected.add(n);
      }
      assertEquals(expected, numbers);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aRepeatedIdempotencyKeyReturnsTheFirstOrderAndWritesNothing() {
    String key = UUID.randomUUID().toString();
    Order first = orders.place(new PlaceOrder(2, 3, key)).order();
    long sequence = sequencer.current().getLastSequence();
    int published = events.published().size();

    Order again = orders.place(new PlaceOrder(2, 3, key)).order();

    assertEquals(first, again);
    assertEquals(sequence, sequencer.current().getLastSequence());
    assertEquals(published, events.published().size());
  }

  @Test
  void aRefusedBuyRecordsNothingAndTakesNoNumber() {
    long before = highestOrderNumber();
    ProblemException refused =
        assertThrows(
            ProblemException.class,
            () ->
                orders.place(
                    new PlaceOrder(FakeCatalogStock.SOLD_OUT, 1, UUID.randomUUID().toString())));
    assertEquals(409, refused.problem().status());
    assertEquals(before, highestOrderNumber());
    Order next = orders.place(new PlaceOrder(1, 1, UUID.randomUUID().toString())).order();
    assertEquals(before + 1, next.orderNumber());
    assertEquals(
        sequencer.current().getLastSequence(),
        next.orderNumber(),
        "an order's number is its write's sequence number");
  }

  private long highestOrderNumber() {
    return repository.all().stream().mapToLong(CustomerOrder::getOrderNumber).max().orElse(0);
  }
}
