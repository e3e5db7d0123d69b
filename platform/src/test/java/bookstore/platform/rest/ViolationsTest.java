package bookstore.platform.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import bookstore.api.BuyRequest;
import bookstore.api.ProblemException;
import bookstore.api.validation.IdempotencyKey;
import bookstore.api.validation.Topic;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.QueryParam;
import java.lang.reflect.Method;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A 400's detail names each broken field as the client wrote it: a body's field by its JSON name, a
 * parameter by its JAX-RS name, also when the annotations sit on the interface a resource
 * implements (the replicas' {@code CatalogApi}).
 */
class ViolationsTest {
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

  /** Declares the parameters, as the internal API interfaces do. */
  interface Shop {
    void buy(@Valid BuyRequest body, @HeaderParam("Idempotency-Key") @IdempotencyKey String key);

    void search(@QueryParam("topic") @Topic String topic);
  }

  /** Implements them without annotations, as the replicas' resources do. */
  static class ShopResource implements Shop {
    @Override
    public void buy(BuyRequest body, String key) {}

    @Override
    public void search(String topic) {}
  }

  private static String describe(String name, Class<?>[] types, Object... args)
      throws NoSuchMethodException {
    Method method = ShopResource.class.getMethod(name, types);
    Set<ConstraintViolation<ShopResource>> found =
        validator.forExecutables().validateParameters(new ShopResource(), method, args);
    return Violations.describe(found, method);
  }

  @Test
  void bodyFieldsAndHeadersAreNamedAsSent() throws Exception {
    assertEquals(
        "Idempotency-Key header: must be 1 to 128 characters, not all blank; "
            + "quantity: must be a whole number from 1 to 1000000",
        describe(
            "buy", new Class<?>[] {BuyRequest.class, String.class}, new BuyRequest(1, 0), " "));
  }

  @Test
  void queryParametersAreNamedAsSent() throws Exception {
    assertEquals(
        "query parameter topic: is required: 1 to 100 characters, not all blank",
        describe("search", new Class<?>[] {String.class}, (Object) null));
  }

  @Test
  void aBeanCheckedOnItsOwnNamesItsFieldsAndThrowsA400() {
    ProblemException e =
        assertThrows(
            ProblemException.class,
            () -> Violations.requireValid(validator, new BuyRequest(null, 2)));
    assertEquals(400, e.problem().status());
    assertEquals("itemId: is required", e.problem().detail());
    assertEquals(new BuyRequest(3, 2), Violations.requireValid(validator, new BuyRequest(3, 2)));
  }
}
