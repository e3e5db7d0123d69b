package bookstore.catalog.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A catalog item: the stock the store sells. Stock never goes below 0 (SPEC guarantee 1): the only
 * way down is {@link #take(int)}, which refuses to overdraw.
 */
@Entity
@Table(name = "ITEM")
@NamedQuery(
    name = CatalogItem.BY_TOPIC,
    query = "select i from CatalogItem i where i.topic = :topic order by i.id")
@NamedQuery(name = CatalogItem.ALL, query = "select i from CatalogItem i order by i.id")
@NamedQuery(
    name = CatalogItem.BY_TITLE,
    query = "select i from CatalogItem i where i.title = :title order by i.id")
@NamedQuery(name = CatalogItem.MAX_ID, query = "select max(i.id) from CatalogItem i")
public class CatalogItem {
  /** Named query: the items whose topic equals parameter {@code topic}, ordered by id. */
  public static final String BY_TOPIC = "CatalogItem.byTopic";

  /** Named query: every item on this replica, ordered by id. */
  public static final String ALL = "CatalogItem.all";

  /** Named query: the items whose title equals parameter {@code title}, ordered by id. */
  public static final String BY_TITLE = "CatalogItem.byTitle";

  /**
   * Named query: the highest item id in use, as an {@code Integer}; {@code null} when there are no
   * items.
   */
  public static final String MAX_ID = "CatalogItem.maxId";

  @Id private int id;

  @Column(nullable = false, length = 200)
  private String title;

  @Column(nullable = false, length = 100)
  private String topic;

  @Column(nullable = false)
  private int stock;

  @Column(nullable = false, precision = 12, scale = 2)
  private BigDecimal price;

  /** For JPA only, which fills the fields from the {@code ITEM} row. */
  protected CatalogItem() {}

  /**
   * @param id positive item number
   * @param title non-blank title
   * @param topic non-blank topic
   * @param stock initial stock, at least 0
   * @param price unit price, at least 0; kept with 2 decimal places
   */
  public CatalogItem(int id, String title, String topic, int stock, BigDecimal price) {
    if (id < 1 || stock < 0 || price.signum() < 0) {
      throw new IllegalArgumentException("bad item " + id + " stock " + stock + " price " + price);
    }
    this.id = id;
    this.title = title;
    this.topic = topic;
    this.stock = stock;
    this.price = price.setScale(2, RoundingMode.UNNECESSARY);
  }

  /**
   * Takes units out of stock.
   *
   * @param quantity units, at least 1
   * @return false, changing nothing, when fewer than {@code quantity} units are in stock
   */
  public boolean take(int quantity) {
    if (quantity < 1) {
      throw new IllegalArgumentException("quantity must be at least 1: " + quantity);
    }
    if (stock < quantity) {
      return false;
    }
    stock -= quantity;
    return true;
  }

  /**
   * @param quantity units to add, at least 1
   */
  public void restock(int quantity) {
    if (quantity < 1) {
      throw new IllegalArgumentException("quantity must be at least 1: " + quantity);
    }
    stock = Math.addExact(stock, quantity);
  }

  /**
   * @param newPrice at least 0, at most 2 decimal places
   */
  public void setPrice(BigDecimal newPrice) {
    if (newPrice.signum() < 0) {
      throw new IllegalArgumentException("price below 0: " + newPrice);
    }
    price = newPrice.setScale(2, RoundingMode.UNNECESSARY);
  }

  /**
   * @return the positive item number, the row's key; the catalog primary gives a new item the next
   *     after the highest in use, and every replica keeps it under the same number
   */
  public int getId() {
    return id;
  }

  /**
   * @return the display title, non-blank, at most 200 characters
   */
  public String getTitle() {
    return title;
  }

  /**
   * @return the search topic, e.g. "distributed systems", non-blank, at most 100 characters
   */
  public String getTopic() {
    return topic;
  }

  /**
   * @return units in stock, never below 0 (SPEC guarantee 1); on a backup, as of the last write it
   *     applied
   */
  public int getStock() {
    return stock;
  }

  /**
   * @return the unit price, at least 0, with scale 2 (2 decimal places)
   */
  public BigDecimal getPrice() {
    return price;
  }

  /**
   * Takes on the state another replica reported for this item (applying a replicated write).
   *
   * @param state the item after the write
   */
  public void copyFrom(bookstore.api.Item state) {
    title = state.title();
    topic = state.topic();
    stock = state.stock();
    price = state.price().setScale(2, RoundingMode.UNNECESSARY);
  }

  /**
   * @param state an item as the API shows it
   * @return a new entity with that state
   */
  public static CatalogItem of(bookstore.api.Item state) {
    return new CatalogItem(state.id(), state.title(), state.topic(), state.stock(), state.price());
  }

  /**
   * @return the item as the API shows it
   */
  public bookstore.api.Item toApi() {
    return new bookstore.api.Item(id, title, topic, stock, price);
  }
}
