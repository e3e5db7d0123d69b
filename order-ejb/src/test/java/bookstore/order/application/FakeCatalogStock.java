package bookstore.order.application;

import bookstore.api.ProblemException;
import bookstore.api.internal.StockTaken;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;

/**
 * Stands in for the catalog in the Arquillian deployment: every item costs 10.00 and is in stock,
 * but item {@link #SOLD_OUT} is always out of stock.
 */
@ApplicationScoped
public class FakeCatalogStock implements CatalogStock {
  /** The item that is always out of stock. */
  public static final int SOLD_OUT = 13;

  @Override
  public StockTaken take(int itemId, int quantity, String idempotencyKey) {
    if (itemId == SOLD_OUT) {
      throw ProblemException.conflict("item " + itemId + " is sold out");
    }
    return new StockTaken(itemId, quantity, new BigDecimal("10.00"), 100, 0);
  }

  @Override
  public void giveBack(String idempotencyKey) {
    // nothing was taken
  }
}
