package bookstore.frontend.interfaces.rest;

import bookstore.api.ProblemException;
import bookstore.frontend.application.Storefront;
import bookstore.platform.clients.ItemRead;
import bookstore.platform.clients.SearchRead;
import bookstore.platform.rest.JsonBodies;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Search and lookup (SPEC "Public API"): {@code GET /api/books?topic=T} gives {@code
 * [{id,title}]}; {@code GET /api/books/{id}} gives {@code {id,title,topic,stock,price}}, 404 for
 * an unknown id and 400 for one that is not a positive whole number.
 */
@Path("/api/books")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class BooksResource {
  /** Response header naming who served a read: {@code cache} or {@code catalog-N}. */
  public static final String SERVED_BY = "X-Served-By";

  /** Item ids are positive ints. */
  static final long MAX_ITEM_ID = Integer.MAX_VALUE;

  @Inject Storefront store;

  /**
   * @param topic exact topic, required
   * @return 200 with its books, possibly none; header {@value #SERVED_BY} says who answered
   */
  @GET
  public Response search(@QueryParam("topic") String topic) {
    if (topic == null || topic.isBlank()) {
      throw ProblemException.badRequest("query parameter 'topic' is required");
    }
    SearchRead read = store.search(topic);
    return served(Response.ok(read.books()), read.replicaId());
  }

  /**
   * @param id the item number as typed
   * @return 200 with the item; header {@value #SERVED_BY} says who answered
   */
  @GET
  @Path("{id}")
  public Response lookup(@PathParam("id") String id) {
    ItemRead read = store.lookup(itemId(id));
    return served(Response.ok(read.item()), read.replicaId());
  }

  /** @param raw an item id as typed @return it @throws ProblemException 400 when not a positive int */
  static int itemId(String raw) {
    return (int) JsonBodies.positiveId(raw, "item id", MAX_ITEM_ID);
  }

  private static Response served(Response.ResponseBuilder answer, int replicaId) {
    return answer
        .header(SERVED_BY, replicaId == Storefront.FROM_CACHE ? "cache" : "catalog-" + replicaId)
        .build();
  }
}
