package bookstore.platform.clients;

import bookstore.api.NewItem;
import bookstore.api.PriceChange;
import bookstore.api.Restock;
import bookstore.api.internal.ItemRead;
import bookstore.api.internal.SearchRead;
import bookstore.api.internal.StockChange;
import bookstore.api.internal.StockTaken;
import bookstore.api.validation.IdempotencyKey;
import bookstore.api.validation.Topic;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * The catalog replica's internal HTTP API: implemented by the catalog node's resource and called
 * through MicroProfile Rest Client by the front end and the order service, so both sides share one
 * definition. Reads may go to any replica and carry the lowest sequence number they may see
 * ({@value #MIN_SEQUENCE}); writes sent to a backup are forwarded to the primary. Errors come back
 * as {@link bookstore.api.ProblemException} (404 unknown item, 409 out of stock, 400 bad input, 503
 * replica behind).
 */
@Path("/catalog/items")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface CatalogApi {
  /** Request header: the lowest catalog sequence number a read may see (SPEC guarantee 5). */
  String MIN_SEQUENCE = "X-Min-Sequence";

  /** The violation text of a command sent without a body. */
  String BODY_REQUIRED = "the request needs a JSON body";

  /**
   * @param topic exact topic
   * @param minSequence lowest sequence the read may see, 0 for any
   * @return the items of that topic, read at a sequence number
   */
  @GET
  SearchRead search(
      @QueryParam("topic") @Topic String topic,
      @HeaderParam(MIN_SEQUENCE) @DefaultValue("0") long minSequence);

  /**
   * @param id item id
   * @param minSequence lowest sequence the read may see, 0 for any
   * @return the item, read at a sequence number; 404 when unknown
   */
  @GET
  @Path("{id}")
  ItemRead lookup(
      @PathParam("id") int id, @HeaderParam(MIN_SEQUENCE) @DefaultValue("0") long minSequence);

  /**
   * @param title exact title (the toy store names its products by title)
   * @param minSequence lowest sequence the read may see, 0 for any
   * @return the item with that title and the lowest id; 404 when there is none
   */
  @GET
  @Path("by-title/{title}")
  ItemRead byTitle(
      @PathParam("title") String title,
      @HeaderParam(MIN_SEQUENCE) @DefaultValue("0") long minSequence);

  /**
   * Takes units out of stock atomically: never below 0 (SPEC guarantee 1). Idempotent per request
   * id: a repeat returns what the first took and takes nothing (SPEC guarantee 3).
   *
   * @param id item id
   * @param change units and idempotency key
   * @return what was taken; 404 unknown item, 409 not enough stock
   */
  @POST
  @Path("{id}/decrement")
  StockTaken decrement(
      @PathParam("id") int id, @Valid @NotNull(message = BODY_REQUIRED) StockChange change);

  /**
   * Gives back the stock a buy took, when its order could not be recorded. Idempotent; a request id
   * that took nothing changes nothing.
   *
   * @param idempotencyKey the buy's idempotency key
   */
  @POST
  @Path("decrements/{idempotencyKey}/cancel")
  void cancel(@PathParam("idempotencyKey") @IdempotencyKey String idempotencyKey);

  /**
   * @param id item id
   * @param restock units to add
   * @return the item after the write, at its sequence
   */
  @POST
  @Path("{id}/restock")
  ItemRead restock(
      @PathParam("id") int id, @Valid @NotNull(message = BODY_REQUIRED) Restock restock);

  /**
   * @param id item id
   * @param change new price
   * @return the item after the write, at its sequence
   */
  @PUT
  @Path("{id}/price")
  ItemRead setPrice(
      @PathParam("id") int id, @Valid @NotNull(message = BODY_REQUIRED) PriceChange change);

  /**
   * @param item the new item
   * @return the item with its assigned id, at the write's sequence
   */
  @POST
  ItemRead addItem(@Valid @NotNull(message = BODY_REQUIRED) NewItem item);
}
