package bookstore.catalog.domain;

import bookstore.api.validation.Limits;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.math.BigDecimal;

/**
 * The stock one buy took, under its idempotency key: a retried buy finds it and takes nothing
 * again (SPEC guarantee 3), and a buy that could not be recorded gives it back once. Replicated
 * with the decrement, so a new primary knows it too.
 */
@Entity
@Table(name = "STOCK_DECREMENT")
@NamedQuery(name = StockDecrement.ALL, query = "select d from StockDecrement d order by d.requestId")
public class StockDecrement {
  public static final String ALL = "StockDecrement.all";

  @Id
  @Column(length = Limits.MAX_KEY_LENGTH)
  private String requestId;

  @Column(nullable = false)
  private int itemId;

  @Column(nullable = false)
  private int quantity;

  @Column(nullable = false, precision = 12, scale = 2)
  private BigDecimal unitPrice;

  @Column(nullable = false)
  private int stockLeft;

  @Column(nullable = false)
  private long sequence;

  @Column(nullable = false)
  private boolean cancelled;

  protected StockDecrement() {}

  /**
   * @param requestId the buy's idempotency key
   * @param itemId item
   * @param quantity units taken
   * @param unitPrice price when taken
   * @param stockLeft stock after
   * @param sequence catalog sequence number of the decrement
   */
  public StockDecrement(
      String requestId, int itemId, int quantity, BigDecimal unitPrice, int stockLeft, long sequence) {
    this.requestId = requestId;
    this.itemId = itemId;
    this.quantity = quantity;
    this.unitPrice = unitPrice;
    this.stockLeft = stockLeft;
    this.sequence = sequence;
  }

  public String getRequestId() {
    return requestId;
  }

  public int getItemId() {
    return itemId;
  }

  public int getQuantity() {
    return quantity;
  }

  public BigDecimal getUnitPrice() {
    return unitPrice;
  }

  public int getStockLeft() {
    return stockLeft;
  }

  public long getSequence() {
    return sequence;
  }

  public boolean isCancelled() {
    return cancelled;
  }

  /** Marks the stock as given back. */
  public void cancel() {
    cancelled = true;
  }

  /**
   * Takes the stock again for a buy retried after its stock was given back.
   *
   * @param unitPrice price now
   * @param stockLeft stock after
   * @param sequence sequence number of the new decrement
   */
  public void retake(BigDecimal unitPrice, int stockLeft, long sequence) {
    this.unitPrice = unitPrice;
    this.stockLeft = stockLeft;
    this.sequence = sequence;
    this.cancelled = false;
  }
}
