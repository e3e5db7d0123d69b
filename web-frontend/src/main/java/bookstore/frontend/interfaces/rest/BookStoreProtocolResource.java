package bookstore.frontend.interfaces.rest;

import bookstore.api.BookSummary;
import bookstore.api.Item;
import bookstore.api.Order;
import bookstore.api.validation.Topic;
import bookstore.api.validation.WholeNumber;
import bookstore.frontend.application.Storefront;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;

/**
 * The classic book-store protocol (SPEC "Public API"), so course clients run unchanged: {@code GET
 * /search?topic=T}, {@code GET /lookup?item_number=N}, {@code GET|POST /buy?item_number=N} (one
 * unit). Answers and errors are those of the public API.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class BookStoreProtocolResource {
  @Inject Storefront store;

  /**
   * @param topic exact topic, required ({@link Topic})
   * @return its books as {@code [{id,title}]}
   */
  @GET
  @Path("search")
  public List<BookSummary> search(@QueryParam("topic") @Topic String topic) {
    return store.search(topic).books();
  }

  /**
   * @param itemNumber item number as typed, required, {@code [1-9][0-9]*} within int range
   * @return the item
   */
  @GET
  @Path("lookup")
  public Item lookup(
      @QueryParam("item_number") @NotNull(message = "is required") @WholeNumber String itemNumber) {
    return store.lookup(Integer.parseInt(itemNumber)).item();
  }

  /**
   * @param itemNumber item number as typed, required, {@code [1-9][0-9]*} within int range
   * @return the order for one unit
   */
  @GET
  @Path("buy")
  public Order buy(
      @QueryParam("item_number") @NotNull(message = "is required") @WholeNumber String itemNumber) {
    return store.buy(Integer.parseInt(itemNumber), 1, UUID.randomUUID().toString()).order();
  }

  /**
   * @param itemNumber item number as typed, required, {@code [1-9][0-9]*} within int range
   * @return the order for one unit
   */
  @POST
  @Path("buy")
  public Order buyByPost(
      @QueryParam("item_number") @NotNull(message = "is required") @WholeNumber String itemNumber) {
    return buy(itemNumber);
  }
}
