package bookstore.platform.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bookstore.api.Item;
import bookstore.api.Order;
import bookstore.api.replication.CatalogUpdate;
import bookstore.api.replication.OrderUpdate;
import bookstore.api.replication.WriteStamp;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A replicated write keeps its stored JSON form: the idempotency key is written and read under
 * {@value CatalogUpdate#STORED_KEY_NAME}, so write logs and broker journals made before the key had
 * one name along a buy still apply.
 */
class JsonMessagesTest {
  private static final Item ITEM = new Item(5, "t", "x", 9, new BigDecimal("2.00"));

  @Test
  void aCatalogWriteRoundTripsWithItsKeyUnderTheStoredName() {
    CatalogUpdate update =
        new CatalogUpdate(
            new WriteStamp(3, 7, 42), CatalogUpdate.Kind.DECREMENT, ITEM, "k-1", 1, 99);
    String json = JsonMessages.toJson(update);
    assertTrue(json.contains("\"requestId\":\"k-1\""), json);
    assertEquals(update, JsonMessages.fromJson(json, CatalogUpdate.class));
  }

  @Test
  void anOrderWriteRoundTripsWithItsKeyUnderTheStoredName() {
    OrderUpdate update =
        new OrderUpdate(
            new WriteStamp(3, 7, 42),
            new Order(11, 5, 1, new BigDecimal("2.00")),
            "k-2",
            Instant.ofEpochMilli(1000));
    String json = JsonMessages.toJson(update);
    assertTrue(json.contains("\"requestId\":\"k-2\""), json);
    assertEquals(update, JsonMessages.fromJson(json, OrderUpdate.class));
  }
}
