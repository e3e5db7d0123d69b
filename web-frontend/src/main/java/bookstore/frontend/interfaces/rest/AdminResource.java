package bookstore.frontend.interfaces.rest;

import bookstore.api.Item;
import bookstore.api.NewItem;
import bookstore.api.PriceChange;
import bookstore.api.Restock;
import bookstore.api.validation.EventText;
import bookstore.api.validation.WholeNumber;
import bookstore.frontend.application.CacheControl;
import bookstore.frontend.application.CacheControl.CacheState;
import bookstore.frontend.application.ClusterEvents;
import bookstore.frontend.application.Storefront;
import bookstore.frontend.infrastructure.replicas.ReplicaDirectory;
import bookstore.platform.routing.ReplicaRouter.ReplicaView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
 * {@link bookstore.platform.security.AdminAuthentication}; 401 problem+json otherwise). Writes go
 * to the catalog primary as ordinary replicated writes.
 */
@Path("/api/admin")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class AdminResource {
  private static final String BODY_REQUIRED = "the request needs a JSON body";

  @Inject Storefront store;
  @Inject CacheControl cache;
  @Inject ReplicaDirectory replicas;
  @Inject ClusterEvents events;

  /**
   * @param item the new item, checked by its constraints
   * @return 201 with the new item and its {@code Location}
   */
  @POST
  @Path("items")
  public Response addItem(@Valid @NotNull(message = BODY_REQUIRED) NewItem item) {
    Item added = store.addItem(item).item();
    return Response.created(URI.create("/api/books/" + added.id())).entity(added).build();
  }

  /**
   * @param id item id as typed
   * @param change the new price, checked by its constraints
   * @return the item after the change
   */
  @PUT
  @Path("items/{id}/price")
  public Item setPrice(
      @PathParam("id") @WholeNumber String id,
      @Valid @NotNull(message = BODY_REQUIRED) PriceChange change) {
    return store.setPrice(Integer.parseInt(id), change).item();
  }

  /**
   * @param id item id as typed
   * @param restock units to add, checked by its constraints
   * @return the item after the restock
   */
  @POST
  @Path("items/{id}/restock")
  public Item restock(
      @PathParam("id") @WholeNumber String id,
      @Valid @NotNull(message = BODY_REQUIRED) Restock restock) {
    return store.restock(Integer.parseInt(id), restock).item();
  }

  /**
   * @return the cache's figures (see {@link CacheState} for each field and its unit)
   */
  @GET
  @Path("cache")
  public CacheState cacheStats() {
    return cache.state();
  }

  /**
   * Drops every cached entry and the invalidation times recorded so far.
   *
   * @return 204
   */
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

  /**
   * @param change {@code {"enabled": true|false}}
   * @return the cache's state after
   */
  @PUT
  @Path("cache")
  public CacheState setEnabled(@Valid @NotNull(message = BODY_REQUIRED) CacheSwitch change) {
    cache.setEnabled(change.enabled());
    return cacheStats();
  }

  /**
   * @return the events the admin page lists, newest first: {@code [{atMs, kind, text}]} (at most
   *     {@value ClusterEvents#CAPACITY})
   */
  @GET
  @Path("events")
  public List<ClusterEvents.Event> events() {
    return events.recent();
  }

  /**
   * Records a fault injected on purpose (or healed) in the admin page's event list: {@code
   * ./bookstore chaos} posts each one as it happens.
   *
   * @param fault {@code {"text": "..."}} (400 problem+json when the text is missing, blank or too
   *     long)
   * @return 204
   */
  @POST
  @Path("events")
  public Response recordFault(@Valid @NotNull(message = BODY_REQUIRED) FaultReport fault) {
    events.record(ClusterEvents.Kind.FAULT, fault.text());
    return Response.noContent().build();
  }

  /**
   * Body of {@code POST /api/admin/events}.
   *
   * @param text what was done, for a person to read, e.g. {@code chaos: kill -9 catalog-3
   *     (primary)}: 1 to {@value bookstore.api.validation.Limits#MAX_EVENT_TEXT_LENGTH} characters,
   *     not all blank
   */
  public record FaultReport(@EventText String text) {}

  /**
   * Body of {@code PUT /api/admin/cache}.
   *
   * @param enabled whether to serve reads from the cache: JSON {@code true} or {@code false}
   */
  public record CacheSwitch(@NotNull(message = "must be true or false") Boolean enabled) {}
}
