package bookstore.frontend.interfaces.rest;

import bookstore.api.Item;
import bookstore.api.Order;
import bookstore.api.ProblemException;
import bookstore.api.validation.Quantity;
import bookstore.api.validation.Title;
import bookstore.api.validation.WholeNumber;
import bookstore.frontend.application.Storefront;
import bookstore.platform.rest.JsonBodies;
import bookstore.platform.rest.Violations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The classic toy-store protocol (SPEC "Public API"): products are named by their title.
 *
 * <ul>
 *   <li>{@code GET /products/{name}} gives {@code {"data":{"name","price","quantity"}}}
 *   <li>{@code POST /orders} with {@code {"name","quantity"}} gives {@code
 *       {"data":{"order_number"}}}
 *   <li>{@code GET /orders/{order_number}} gives {@code {"data":{"number","name","quantity"}}}
 *   <li>errors give {@code {"error":{"code","message"}}} with that status
 * </ul>
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class ToyStoreProtocolResource {
  @Inject Storefront store;

  @Inject Validator validator;

  /**
   * The body of a toy-store order.
   *
   * @param name product name, required
   * @param quantity units, 1 when absent
   */
  public record ToyOrder(@Title String name, @Quantity Integer quantity) {}

  /**
   * @param name product name
   * @return the product, or a toy-store error
   */
  @GET
  @Path("products/{name}")
  public Response product(@PathParam("name") String name) {
    return answer(
        () -> {
          Item item = store.lookupByTitle(name).item();
          return Map.of("name", item.title(), "price", item.price(), "quantity", item.stock());
        });
  }

  /**
   * @param body JSON {@code {"name","quantity"}}, read here so that a bad one is answered in the
   *     toy store's own error shape
   * @return the order number, or an error
   */
  @POST
  @Path("orders")
  public Response order(String body) {
    return answer(
        () -> {
          ToyOrder request =
              Violations.requireValid(validator, JsonBodies.parse(body, ToyOrder.class));
          int quantity = request.quantity() == null ? 1 : request.quantity();
          int itemId = store.lookupByTitle(request.name()).item().id();
          Order order = store.buy(itemId, quantity, UUID.randomUUID().toString()).order();
          return Map.of("order_number", order.orderNumber());
        });
  }

  /**
   * @param number order number as typed
   * @return the order, or an error
   */
  @GET
  @Path("orders/{orderNumber}")
  public Response orderQuery(@PathParam("orderNumber") String number) {
    return answer(
        () -> {
          if (!WholeNumber.Validator.accepts(number, Long.MAX_VALUE)) {
            throw ProblemException.badRequest(
                "order number must be a whole number, written with digits only");
          }
          Order order = store.order(Long.parseLong(number));
          String name = store.lookup(order.itemId()).item().title();
          return Map.of("number", order.orderNumber(), "name", name, "quantity", order.quantity());
        });
  }

  private static Response answer(Supplier<Map<String, ?>> data) {
    try {
      return Response.ok(Map.of("data", data.get())).build();
    } catch (ProblemException e) {
      int code = e.problem().status();
      return Response.status(code)
          .type(MediaType.APPLICATION_JSON)
          .entity(Map.of("error", Map.of("code", code, "message", e.problem().detail())))
          .build();
    }
  }
}
