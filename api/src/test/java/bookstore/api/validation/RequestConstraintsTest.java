package bookstore.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bookstore.api.BuyRequest;
import bookstore.api.NewItem;
import bookstore.api.PriceChange;
import bookstore.api.Restock;
import bookstore.api.internal.PlaceOrder;
import bookstore.api.internal.StockChange;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.math.BigDecimal;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The request records' constraints, as Hibernate Validator (the validator Payara ships) reads them
 * from record components: each limit of {@link Limits} holds at its edge and breaks one past it,
 * and each broken rule is reported once, on the field it names.
 */
class RequestConstraintsTest {
  private static ValidatorFactory factory;
  private static Validator validator;

  @BeforeAll
  static void validator() {
    factory = Validation.buildDefaultValidatorFactory();
    validator = factory.getValidator();
  }

  @AfterAll
  static void close() {
    factory.close();
  }

  /**
   * @return "field: message" per violation
   */
  private static Set<String> violations(Object bean) {
    return validator.validate(bean).stream()
        .map((ConstraintViolation<Object> v) -> v.getPropertyPath() + ": " + v.getMessage())
        .collect(Collectors.toSet());
  }

  private static Set<String> fields(Object bean) {
    return validator.validate(bean).stream()
        .map(v -> v.getPropertyPath().toString())
        .collect(Collectors.toSet());
  }

  @Test
  void aBuyNeedsAPositiveItemAndAQuantityInRange() {
    assertEquals(Set.of(), violations(new BuyRequest(1, null)));
    assertEquals(Set.of(), violations(new BuyRequest(Integer.MAX_VALUE, Limits.MAX_QUANTITY)));
    assertEquals(Set.of("itemId: is required"), violations(new BuyRequest(null, 1)));
    assertEquals(
        Set.of("itemId: must be a positive whole number"), violations(new BuyRequest(0, 1)));
    assertEquals(
        Set.of("quantity: must be a whole number from 1 to 1000000"),
        violations(new BuyRequest(1, 0)));
    assertEquals(Set.of("quantity"), fields(new BuyRequest(1, Limits.MAX_QUANTITY + 1)));
    assertEquals(Set.of("itemId", "quantity"), fields(new BuyRequest(-1, -1)));
  }

  @Test
  void internalCommandsNeedAKeyOfBoundedLength() {
    String longest = "k".repeat(Limits.MAX_KEY_LENGTH);
    assertEquals(Set.of(), violations(new PlaceOrder(1, 1, longest)));
    assertEquals(Set.of(), violations(new StockChange(1, longest)));
    assertEquals(Set.of("idempotencyKey"), fields(new PlaceOrder(1, 1, longest + "k")));
    assertEquals(Set.of("idempotencyKey: is required"), violations(new StockChange(1, null)));
    assertEquals(Set.of("itemId", "quantity"), fields(new PlaceOrder(0, 0, "k")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t", " \n "})
  void aBlankKeyIsRefused(String key) {
    assertEquals(
        Set.of("idempotencyKey: must be 1 to 128 characters, not all blank"),
        violations(new PlaceOrder(1, 1, key)));
  }

  @Test
  void aNewItemNeedsEveryField() {
    BigDecimal price = new BigDecimal("12.50");
    assertEquals(
        Set.of(), violations(new NewItem("t".repeat(Limits.MAX_TITLE_LENGTH), "x", 0, price)));
    assertEquals(
        Set.of("title", "topic", "stock", "price"), fields(new NewItem(null, " ", null, null)));
    assertEquals(
        Set.of("title"),
        fields(new NewItem("t".repeat(Limits.MAX_TITLE_LENGTH + 1), "x", 0, price)));
    assertEquals(
        Set.of("topic"),
        fields(new NewItem("t", "x".repeat(Limits.MAX_TOPIC_LENGTH + 1), 0, price)));
    assertEquals(
        Set.of("stock: must be a whole number of at least 0"),
        violations(new NewItem("t", "x", -1, price)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "0.01", "12.5", "12.50", "999999999.99"})
  void pricesInRangeWithCentsAreAccepted(String price) {
    assertEquals(Set.of(), violations(new PriceChange(new BigDecimal(price))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"-0.01", "0.001", "1000000000", "1e9", "12.345", "12.500"})
  void otherPricesAreRefused(String price) {
    Set<String> found = violations(new PriceChange(new BigDecimal(price)));
    assertEquals(1, found.size(), found.toString()); // one message, not one per composed rule
    assertTrue(
        found.iterator().next().startsWith("price: must be a number of at least 0"),
        found.toString());
  }

  @Test
  void aRestockNeedsAQuantity() {
    assertEquals(Set.of("quantity: is required"), violations(new Restock(null)));
    assertEquals(Set.of("quantity"), fields(new Restock(0)));
    assertEquals(Set.of(), violations(new Restock(1)));
  }

  /** A bean with a path number, as the resources declare it. */
  record Path(@WholeNumber String itemId, @WholeNumber(max = Long.MAX_VALUE) String orderNumber) {}

  @Test
  void aNumberInRangeWrittenInDigitsIsAccepted() {
    assertEquals(Set.of(), violations(new Path("5", "9223372036854775807")));
    assertEquals(Set.of(), violations(new Path("2147483647", null)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " 5",
        "5 ",
        "+5",
        "-5",
        "05",
        "0",
        "\u0665",
        "5.0",
        "0x5",
        "2147483648",
        "99999999999999999999"
      })
  void anyOtherSpellingOfAnItemIdIsRefused(String raw) {
    assertEquals(
        Set.of("itemId: must be a whole number from 1 to 2147483647, written with digits only"),
        violations(new Path(raw, null)));
  }

  @Test
  void anOrderNumberBeyondALongIsRefused() {
    assertEquals(Set.of("orderNumber"), fields(new Path(null, "9223372036854775808")));
  }
}
