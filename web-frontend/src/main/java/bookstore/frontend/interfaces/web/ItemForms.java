package bookstore.frontend.interfaces.web;

import bookstore.api.Item;
import bookstore.api.NewItem;
import bookstore.api.PriceChange;
import bookstore.api.ProblemException;
import bookstore.api.Restock;
import bookstore.frontend.application.Storefront;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.function.Supplier;

/**
 * The admin page's item forms: change a price, restock, add an item. Each is an ordinary replicated
 * write through the catalog primary, as the admin API makes it; Bean Validation checks the fields
 * first, and the store's own refusal (an unknown item, say) is shown as the form's message. Named
 * {@code items} in the page.
 */
@Named("items")
@RequestScoped
public class ItemForms {
  @Inject Storefront store;

  @NotNull(message = "which item?")
  @Min(value = 1, message = "item ids start at 1")
  private Integer priceItem;

  @NotNull(message = "the new price is missing")
  @DecimalMin(value = "0.00", message = "a price is not negative")
  @DecimalMax(value = "1000000", message = "at most 1,000,000")
  @Digits(integer = 7, fraction = 2, message = "at most 2 decimal places")
  private BigDecimal price;

  @NotNull(message = "which item?")
  @Min(value = 1, message = "item ids start at 1")
  private Integer restockItem;

  @NotNull(message = "how many units?")
  @Min(value = 1, message = "at least 1 unit")
  @Max(value = 1_000_000, message = "at most 1,000,000 units at once")
  private Integer quantity;

  @NotBlank(message = "the title is missing")
  @Size(max = 200, message = "at most 200 characters")
  private String title;

  @NotBlank(message = "the topic is missing")
  @Size(max = 100, message = "at most 100 characters")
  private String topic;

  @NotNull(message = "the stock is missing")
  @Min(value = 0, message = "stock is not negative")
  private Integer stock;

  @NotNull(message = "the price is missing")
  @DecimalMin(value = "0.00", message = "a price is not negative")
  @Digits(integer = 7, fraction = 2, message = "at most 2 decimal places")
  private BigDecimal newPrice;

  /** Sets the price of {@code priceItem}; says what it did in the form's message. */
  public void changePrice() {
    write(
        "price",
        () -> store.setPrice(priceItem, new PriceChange(price)).item(),
        "price of item " + priceItem + " is now " + price);
  }

  /** Adds {@code quantity} units to {@code restockItem}'s stock. */
  public void restock() {
    write(
        "restock",
        () -> store.restock(restockItem, new Restock(quantity)).item(),
        "item " + restockItem + " restocked");
  }

  /** Adds a new item. */
  public void addItem() {
    write(
        "add",
        () -> store.addItem(new NewItem(title.strip(), topic.strip(), stock, newPrice)).item(),
        "added");
  }

  private void write(String form, Supplier<Item> write, String done) {
    FacesContext faces = FacesContext.getCurrentInstance();
    try {
      Item item = write.get();
      faces.addMessage(
          form,
          new FacesMessage(
              FacesMessage.SEVERITY_INFO,
              done
                  + ": #"
                  + item.id()
                  + " \u201c"
                  + item.title()
                  + "\u201d, price "
                  + item.price()
                  + ", stock "
                  + item.stock(),
              null));
    } catch (ProblemException refused) {
      faces.addMessage(
          form, new FacesMessage(FacesMessage.SEVERITY_ERROR, refused.problem().detail(), null));
    }
  }

  /**
   * @return the item whose price changes
   */
  public Integer getPriceItem() {
    return priceItem;
  }

  /**
   * @param priceItem the item whose price changes
   */
  public void setPriceItem(Integer priceItem) {
    this.priceItem = priceItem;
  }

  /**
   * @return the new price
   */
  public BigDecimal getPrice() {
    return price;
  }

  /**
   * @param price the new price
   */
  public void setPrice(BigDecimal price) {
    this.price = price;
  }

  /**
   * @return the item restocked
   */
  public Integer getRestockItem() {
    return restockItem;
  }

  /**
   * @param restockItem the item restocked
   */
  public void setRestockItem(Integer restockItem) {
    this.restockItem = restockItem;
  }

  /**
   * @return units added
   */
  public Integer getQuantity() {
    return quantity;
  }

  /**
   * @param quantity units added
   */
  public void setQuantity(Integer quantity) {
    this.quantity = quantity;
  }

  /**
   * @return the new item's title
   */
  public String getTitle() {
    return title;
  }

  /**
   * @param title the new item's title
   */
  public void setTitle(String title) {
    this.title = title;
  }

  /**
   * @return the new item's topic
   */
  public String getTopic() {
    return topic;
  }

  /**
   * @param topic the new item's topic
   */
  public void setTopic(String topic) {
    this.topic = topic;
  }

  /**
   * @return the new item's stock (units)
   */
  public Integer getStock() {
    return stock;
  }

  /**
   * @param stock the new item's stock (units)
   */
  public void setStock(Integer stock) {
    this.stock = stock;
  }

  /**
   * @return the new item's unit price
   */
  public BigDecimal getNewPrice() {
    return newPrice;
  }

  /**
   * @param newPrice the new item's unit price
   */
  public void setNewPrice(BigDecimal newPrice) {
    this.newPrice = newPrice;
  }
}
