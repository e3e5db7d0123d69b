package bookstore.platform.clients;

import bookstore.api.internal.OrderRead;
import bookstore.api.internal.PlaceOrder;
import bookstore.api.internal.PlacedOrder;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The order replica's internal HTTP API, implemented by the order node and called by the front end.
 * A buy sent to a backup is forwarded to the primary. Errors come back as {@link
 * bookstore.api.ProblemException}.
 */
@Path("/orders")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface OrderApi {

  /**
   * Places an order: takes the stock from the catalog, then records the order under the next order
   * number. A repeat with the same request id returns the first order (SPEC guarantee 3).
   *
   * @param command item, quantity, idempotency key
   * @return the order; 404 unknown item, 409 out of stock
   */
  @POST
  PlacedOrder place(@Valid @NotNull(message = CatalogApi.BODY_REQUIRED) PlaceOrder command);

  /**
   * @param orderNumber the order number
   * @param minSequence lowest order sequence the read may see, 0 for any
   * @return the order; 404 when there is none
   */
  @GET
  @Path("{orderNumber}")
  OrderRead find(
      @PathParam("orderNumber") long orderNumber,
      @HeaderParam(CatalogApi.MIN_SEQUENCE) @DefaultValue("0") long minSequence);
}
