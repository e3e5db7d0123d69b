package bookstore.frontend.interfaces.rest;

import bookstore.api.BookSummary;
import bookstore.api.Item;
import bookstore.api.ProblemException;
import bookstore.frontend.application.Storefront;
import bookstore.platform.rest.JsonBodies;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * Search and lookup (SPEC "Public API"): {@code GET /api/books?topic=T} gives {@code
 * [{id,title}]}; {@code GET /api/books/{id}} gives {@code {id,title,topic,stock,price}}, 404 for
 * an unknown id and 400 for one that is not a positive whole number.
 */
@Path("/api/books")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class BooksResource {
  /** Item ids are positive ints. */
  static final long MAX_ITEM_ID = Integer.MAX_VALUE;

  @Inject Storefront store;

  /** @param topic exact topic, required @return its books, possibly none */
  @GET
  public List<BookSummary> search(@QueryParam("topic") String topic) {
    if (topic == null || topic.isBlank()) {
      throw ProblemException.badRequest("query parameter 'topic' is required");
    }
    return store.search(topic);
  }

  /** @param id the item number as typed @return the item */
  @GET
  @Path("{id}")
  public Item lookup(@PathParam("id") String id) {
    return store.lookup((int) JsonBodies.positiveId(id, "item id", MAX_ITEM_ID));
  }
}
