package bookstore.frontend.interfaces.rest;

import bookstore.api.BuyRequest;
import bookstore.api.Order;
import bookstore.api.ProblemException;
import bookstore.frontend.application.Storefront;
import bookstore.platform.clients.PlacedOrder;
import bookstore.platform.rest.JsonBodies;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;

/**
 * Buy and order query (SPEC "Public API"). {@code POST /api/orders} with {@code
 * {itemId,quantity}} (quantity defaults to 1) and an optional {@code Idempotency-Key} header
 * answers 201 with the order and its {@code Location}; a repeat of a key answers with the first
 * order again and the header {@code Idempotent-Replayed: true}. Errors: 400 bad input, 404
 * unknown item, 409 out of stock, all as problem+json; a refused buy changes nothing.
 */
@Path("/api/orders")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class OrdersResource {
  /** Longest accepted idempotency key, in characters. */
  static final int MAX_KEY_LENGTH = 128;

  @Inject Storefront store;

  /**
   * @param body JSON {@code {itemId, quantity}}
   * @param key the client's idempotency key; one is made when absent
   * @return 201 with the order
   */
  @POST
  public Response buy(String body, @HeaderParam("Idempotency-Key") String key) {
    BuyRequest request = JsonBodies.parse(body, BuyRequest.class);
    if (request.itemId() == null || request.itemId() < 1) {
      throw ProblemException.badRequest("itemId must be a positive whole number");
    }
    int quantity = request.quantity() == null ? 1 : request.quantity();
    if (quantity < 1) {
      throw ProblemException.badRequest("quantity must be at least 1, got " + quantity);
    }
    if (key != null && (key.isBlank() || key.length() > MAX_KEY_LENGTH)) {
      throw ProblemException.badRequest(
          "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " characters");
    }
    String idempotencyKey = key != null ? key : UUID.randomUUID().toString();
    PlacedOrder placed = store.buy(request.itemId(), quantity, idempotencyKey);
    return Response.created(URI.create("/api/orders/" + placed.order().orderNumber()))
        .header("Idempotency-Key", idempotencyKey)
        .header("Idempotent-Replayed", placed.replayed())
        .entity(placed.order())
        .build();
  }

  /** @param number the order number as typed @return the order; 404 when there is none */
  @GET
  @Path("{orderNumber}")
  public Order order(@PathParam("orderNumber") String number) {
    return store.order(JsonBodies.positiveId(number, "order number", Long.MAX_VALUE));
  }
}
