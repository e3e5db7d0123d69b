package bookstore.frontend.interfaces.rest;

import bookstore.api.BuyRequest;
import bookstore.api.Order;
import bookstore.api.internal.PlacedOrder;
import bookstore.api.validation.IdempotencyKey;
import bookstore.api.validation.WholeNumber;
import bookstore.frontend.application.Storefront;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
 * Buy and order query (SPEC "Public API"). {@code POST /api/orders} with {@code {itemId,quantity}}
 * (quantity defaults to 1) and an optional {@code Idempotency-Key} header answers 201 with the
 * order and its {@code Location}; a repeat of a key answers with the first order again and the
 * header {@code Idempotent-Replayed: true}. Errors: 400 bad input, 404 unknown item, 409 out of
 * stock, all as problem+json; a refused buy changes nothing.
 */
@Path("/api/orders")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class OrdersResource {
  @Inject Storefront store;

  /**
   * @param request the body, {@code {itemId, quantity}}, checked by its constraints
   * @param key the client's idempotency key ({@link IdempotencyKey}); one is made when absent
   * @return 201 with the order
   */
  @POST
  public Response buy(
      @Valid @NotNull(message = "the request needs a JSON body") BuyRequest request,
      @HeaderParam("Idempotency-Key") @IdempotencyKey String key) {
    int quantity = request.quantity() == null ? 1 : request.quantity();
    String idempotencyKey = key != null ? key : UUID.randomUUID().toString();
    PlacedOrder placed = store.buy(request.itemId(), quantity, idempotencyKey);
    return Response.created(URI.create("/api/orders/" + placed.order().orderNumber()))
        .header("Idempotency-Key", idempotencyKey)
        .header("Idempotent-Replayed", placed.replayed())
        .entity(placed.order())
        .build();
  }

  /**
   * @param number the order number as typed, {@code [1-9][0-9]*}
   * @return the order
   * @throws bookstore.api.ProblemException 404 when there is none
   */
  @GET
  @Path("{orderNumber}")
  public Order order(@PathParam("orderNumber") @WholeNumber(max = Long.MAX_VALUE) String number) {
    return store.order(Long.parseLong(number));
  }
}
