package bookstore.platform.clients;

import bookstore.api.NewItem;
import bookstore.api.PriceChange;
import bookstore.api.Restock;
import bookstore.api.StockChange;
import bookstore.api.StockTaken;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * The catalog replica's internal HTTP API: implemented by the catalog node's resource and
 * called through MicroProfile Rest Client by the front end and the order service, so both
 * sides share one definition. Errors come back as {@link bookstore.api.ProblemException}
 * (404 unknown item, 409 out of stock, 400 bad input).
 */
@Path("/catalog/items")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface CatalogApi {

  /** @param topic exact topic @return the items of that topic, read at a sequence number */
  @GET
  SearchRead search(@QueryParam("topic") String topic);

  /** @param id item id @return the item, read at a sequence number; 404 when unknown */
  @GET
  @Path("{id}")
  ItemRead lookup(@PathParam("id") int id);

  /**
   * Takes units out of stock atomically: never below 0 (SPEC guarantee 1).
   *
   * @param id item id
   * @param change units and idempotency key
   * @return what was taken; 404 unknown item, 409 not enough stock
   */
  @POST
  @Path("{id}/decrement")
  StockTaken decrement(@PathParam("id") int id, StockChange change);

  /** @param id item id @param restock units to add @return the item after the write, at its sequence */
  @POST
  @Path("{id}/restock")
  ItemRead restock(@PathParam("id") int id, Restock restock);

  /** @param id item id @param change new price @return the item after the write, at its sequence */
  @PUT
  @Path("{id}/price")
  ItemRead setPrice(@PathParam("id") int id, PriceChange change);

  /** @param item the new item @return the item with its assigned id, at the write's sequence */
  @POST
  ItemRead addItem(NewItem item);
}
