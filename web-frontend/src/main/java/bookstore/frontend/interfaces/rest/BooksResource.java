package bookstore.frontend.interfaces.rest;

import bookstore.api.internal.ItemRead;
import bookstore.api.internal.SearchRead;
import bookstore.api.validation.Topic;
import bookstore.api.validation.WholeNumber;
import bookstore.frontend.application.Storefront;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Search and lookup (SPEC "Public API"): {@code GET /api/books?topic=T} gives {@code [{id,title}]};
 * {@code GET /api/books/{id}} gives {@code {id,title,topic,stock,price}}, 404 for an unknown id and
 * 400 for one that is not a positive whole number.
 */
@Path("/api/books")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class BooksResource {
  /** Response header naming who served a read: {@code cache} or {@code catalog-N}. */
  public static final String SERVED_BY = "X-Served-By";

  @Inject Storefront store;

  /**
   * @param topic exact topic, required ({@link Topic})
   * @return 200 with its books, possibly none; header {@value #SERVED_BY} says who answered
   */
  @GET
  public Response search(@QueryParam("topic") @Topic String topic) {
    SearchRead read = store.search(topic);
    return served(Response.ok(read.books()), read.replicaId());
  }

  /**
   * @param id the item number as typed, {@code [1-9][0-9]*} within int range
   * @return 200 with the item; header {@value #SERVED_BY} says who answered
   */
  @GET
  @Path("{id}")
  public Response lookup(@PathParam("id") @WholeNumber String id) {
    ItemRead read = store.lookup(Integer.parseInt(id));
    return served(Response.ok(read.item()), read.replicaId());
  }

  private static Response served(Response.ResponseBuilder answer, int replicaId) {
    return answer
        .header(SERVED_BY, replicaId == Storefront.FROM_CACHE ? "cache" : "catalog-" + replicaId)
        .build();
  }
}
