package bookstore.catalog.domain;

import bookstore.api.validation.Limits;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.math.BigDecimal;

/**
 * The stock one buy took, under its idempotency key: a retried buy finds it and takes nothing again
 * (SPEC guarantee 3), and a buy that could not be recorded gives it back once. Replicated with the
 * decrement, so a new primary knows it too.
 */
@Entity
@Table(name = "STOCK_DECREMENT")
@NamedQuery(
    name = StockDecrement.ALL,
    query = "select d from StockDecrement d order by d.idempotencyKey")
public class StockDecrement {
  /**
   * Named query: every decrement on this replica, given back or not, ordered by request id (the
   * order snapshots and state digests list them in).
   */
  public static final String ALL = "StockDecrement.all";

  /** The column keeps its first name, REQUESTID, so that existing databases open as they are. */
  @Id
  @Column(name = "REQUESTID", length = Limits.MAX_KEY_LENGTH)
  private String idempotencyKey;

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

  /** For JPA only, which fills the fields from the {@code STOCK_DECREMENT} row. */
  protected StockDecrement() {}

  /**
   * @param idempotencyKey the buy's idempotency key
   * @param itemId item
   * @param quantity units taken
   * @param unitPrice price when taken
   * @param stockLeft stock after
   * @param sequence catalog sequence number of the decrement
   */
  public StockDecrement(
      String idempotencyKey,
      int itemId,
      int quantity,
      BigDecimal unitPrice,
      int stockLeft,
      long sequence) {
    this.idempotencyKey = idempotencyKey;
    this.itemId = itemId;
    this.quantity = quantity;
    this.unitPrice = unitPrice;
    this.stockLeft = stockLeft;
    this.sequence = sequence;
  }

  /**
   * @return the buy's idempotency key, at most {@link Limits#MAX_KEY_LENGTH} characters: the row's
   *     key, and the key the order is recorded under too
   */
  public String getIdempotencyKey() {
    return idempotencyKey;
  }

  /**
   * @return the id of the item the stock was taken from
   */
  public int getItemId() {
    return itemId;
  }

  /**
   * @return units taken, at least 1; a retry with the same key must ask for the same quantity of
   *     the same item
   */
  public int getQuantity() {
    return quantity;
  }

  /**
   * @return the item's unit price when the stock was last taken, with scale 2 (2 decimal places);
   *     the price the order is recorded at
   */
  public BigDecimal getUnitPrice() {
    return unitPrice;
  }

  /**
   * @return units the item had left in stock just after the stock was last taken, at least 0;
   *     answered again to a retried buy
   */
  public int getStockLeft() {
    return stockLeft;
  }

  /**
   * @return the catalog primary's write sequence number of the write that last took the stock; a
   *     retried buy is answered only once the broker holds that write and every one before it
   */
  public long getSequence() {
    return sequence;
  }

  /**
   * @return true once the stock was given back because the buy's order could not be recorded; a
   *     retry with the same key then takes it again ({@link #retake})
   */
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
