package bookstore.frontend.interfaces.rest;

import bookstore.api.Item;
import bookstore.api.NewItem;
import bookstore.api.PriceChange;
import bookstore.api.ProblemException;
import bookstore.api.Restock;
import bookstore.frontend.application.Storefront;
import bookstore.frontend.application.CacheControl;
import bookstore.frontend.application.CacheControl.CacheState;
import bookstore.frontend.infrastructure.replicas.ReplicaDirectory;
import bookstore.frontend.infrastructure.replicas.ServiceReplicas.ReplicaView;
import bookstore.platform.rest.JsonBodies;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/**
 * Admin writes and cache control under {@code /api/admin}, for the admin only (HTTP Basic, see
 * {@link bookstore.platform.security.AdminAuthentication}; 401 problem+json otherwise). Writes
 * go to the catalog primary as ordinary replicated writes.
 */
@Path("/api/admin")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class AdminResource {
  @Inject Storefront store;
  @Inject CacheControl cache;
  @Inject ReplicaDirectory replicas;

  /** @param body JSON {@code {title,topic,stock,price}} @return 201 with the new item */
  @POST
  @Path("items")
  public Response addItem(String body) {
    Item item = store.addItem(JsonBodies.parse(body, NewItem.class)).item();
    return Response.created(URI.create("/api/books/" + item.id())).entity(item).build();
  }

  /** @param id item @param body JSON {@code {price}} @return the item after the change */
  @PUT
  @Path("items/{id}/price")
  public Item setPrice(@PathParam("id") String id, String body) {
    PriceChange change = JsonBodies.parse(body, PriceChange.class);
    return store.setPrice(BooksResource.itemId(id), change).item();
  }

  /** @param id item @param body JSON {@code {quantity}} @return the item after the restock */
  @POST
  @Path("items/{id}/restock")
  public Item restock(@PathParam("id") String id, String body) {
    Restock restock = JsonBodies.parse(body, Restock.class);
    if (restock.quantity() == null || restock.quantity() < 1) {
      throw ProblemException.badRequest("quantity must be at least 1");
    }
    return store.restock(BooksResource.itemId(id), restock).item();
  }

  /** @return the cache's figures (see {@link CacheState} for each field and its unit) */
  @GET
  @Path("cache")
  public CacheState cacheStats() {
    return cache.state();
  }

  /** Drops every cached entry and the invalidation times recorded so far. @return 204 */
  @DELETE
  @Path("cache")
  public Response flush() {
    cache.flush();
    return Response.noContent().build();
  }

  /**
   * @return every catalog and order replica as this front end's heartbeats see it: {@code
   *     [{service, replicaId, url, state: alive|catching up|dead, primary, epoch, lastSequence,
   *     lagWrites, lagMs, heardAtMs, downSinceMs}]}
   */
  @GET
  @Path("replicas")
  public List<ReplicaView> replicas() {
    return replicas.services().stream().flatMap(s -> s.view().stream()).toList();
  }

  /** @param body JSON {@code {"enabled": true|false}} @return the cache's state after */
  @PUT
  @Path("cache")
  public CacheState setEnabled(String body) {
    CacheSwitch change = JsonBodies.parse(body, CacheSwitch.class);
    if (change.enabled() == null) {
      throw ProblemException.badRequest("'enabled' must be true or false");
    }
    cache.setEnabled(change.enabled());
    return cacheStats();
  }

  /** Body of {@code PUT /api/admin/cache}. @param enabled whether to serve reads from the cache */
  public record CacheSwitch(Boolean enabled) {}
}
