package bookstore.order.domain;

import bookstore.api.Order;
import bookstore.api.validation.Limits;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * An acknowledged order. Its number is gapless and increasing (assigned by the order primary); its
 * request id, the client's idempotency key, is unique (SPEC guarantee 3).
 */
@Entity
@Table(name = "CUSTOMER_ORDER")
@NamedQuery(
    name = CustomerOrder.BY_IDEMPOTENCY_KEY,
    query = "select o from CustomerOrder o where o.idempotencyKey = :idempotencyKey")
@NamedQuery(
    name = CustomerOrder.ALL,
    query = "select o from CustomerOrder o order by o.orderNumber")
public class CustomerOrder {
  /**
   * Named query: the order, at most one, whose idempotency key (the client's Idempotency-Key)
   * equals parameter {@code idempotencyKey}.
   */
  public static final String BY_IDEMPOTENCY_KEY = "CustomerOrder.byIdempotencyKey";

  /** Named query: every order on this replica, ordered by order number. */
  public static final String ALL = "CustomerOrder.all";

  @Id private long orderNumber;

  @Column(nullable = false)
  private int itemId;

  @Column(nullable = false)
  private int quantity;

  @Column(nullable = false, precision = 12, scale = 2)
  private BigDecimal unitPrice;

  /** The column keeps its first name, REQUESTID, so that existing databases open as they are. */
  @Column(name = "REQUESTID", nullable = false, unique = true, length = Limits.MAX_KEY_LENGTH)
  private String idempotencyKey;

  @Column(nullable = false)
  private Instant createdAt;

  /** For JPA only, which fills the fields from the {@code CUSTOMER_ORDER} row. */
  protected CustomerOrder() {}

  /**
   * @param orderNumber the next order number, positive
   * @param itemId item bought
   * @param quantity units, at least 1
   * @param unitPrice price when the stock was taken
   * @param idempotencyKey idempotency key, at most {@link Limits#MAX_KEY_LENGTH} characters
   * @param createdAt when it was recorded
   */
  public CustomerOrder(
      long orderNumber,
      int itemId,
      int quantity,
      BigDecimal unitPrice,
      String idempotencyKey,
      Instant createdAt) {
    this.orderNumber = orderNumber;
    this.itemId = itemId;
    this.quantity = quantity;
    this.unitPrice = unitPrice;
    this.idempotencyKey = idempotencyKey;
    this.createdAt = createdAt;
  }

  /**
   * @return the order number, the row's key: positive, gapless and increasing, the next after the
   *     highest in use when the order primary recorded it; the same on every replica
   */
  public long getOrderNumber() {
    return orderNumber;
  }

  /**
   * @return the item bought
   */
  public int getItemId() {
    return itemId;
  }

  /**
   * @return units bought, at least 1
   */
  public int getQuantity() {
    return quantity;
  }

  /**
   * @return the client's idempotency key, unique among orders, at most {@link
   *     Limits#MAX_KEY_LENGTH} characters; the catalog took the order's stock under the same key
   */
  public String getIdempotencyKey() {
    return idempotencyKey;
  }

  /**
   * @return when the order primary recorded the order (UTC); backups keep the primary's instant
   *     from the replicated write
   */
  public Instant getCreatedAt() {
    return createdAt;
  }

  /**
   * @param update a replicated order write
   * @return the order it created
   */
  public static CustomerOrder of(bookstore.api.replication.OrderUpdate update) {
    Order o = update.order();
    return new CustomerOrder(
        o.orderNumber(),
        o.itemId(),
        o.quantity(),
        o.unitPrice(),
        update.idempotencyKey(),
        update.createdAt());
  }

  /**
   * @return the order as the API shows it
   */
  public Order toApi() {
    return new Order(orderNumber, itemId, quantity, unitPrice);
  }
}
