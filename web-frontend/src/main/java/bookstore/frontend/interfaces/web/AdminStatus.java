package bookstore.frontend.interfaces.web;

import bookstore.frontend.application.CacheControl;
import bookstore.frontend.application.CacheControl.CacheState;
import bookstore.frontend.application.ClusterEvents;
import bookstore.frontend.infrastructure.cache.ReadCache;
import bookstore.frontend.infrastructure.cache.ReadCache.EntryView;
import bookstore.frontend.infrastructure.replicas.ReplicaDigests;
import bookstore.frontend.infrastructure.replicas.ReplicaDirectory;
import bookstore.platform.routing.ReplicaRouter;
import bookstore.platform.routing.ReplicaRouter.ReplicaView;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * What the admin page shows, read once per request (each refresh): the cache's figures and entries,
 * every replica of each service with its digest, and the recent events. Named {@code status} in the
 * page.
 */
@Named("status")
@RequestScoped
public class AdminStatus {
  /** Shown digests are cut to this many hex characters. */
  static final int DIGEST_CHARS = 12;

  /** Events shown (items). */
  static final int EVENTS_SHOWN = 30;

  @Inject CacheControl cacheControl;
  @Inject ReadCache readCache;
  @Inject ReplicaDirectory replicas;
  @Inject ReplicaDigests digests;
  @Inject ClusterEvents events;

  private CacheState cache;
  private List<EntryView> entries;
  private List<Service> services;
  private long nowMs;

  /**
   * One service's replicas as the page shows them.
   *
   * @param name "catalog" or "order"
   * @param replicas its replicas, by id
   */
  public record Service(String name, List<Row> replicas) {}

  /**
   * One replica's row.
   *
   * @param view what the heartbeats say of it
   * @param digest its state digest, cut to {@value #DIGEST_CHARS} hex characters ("" while it is
   *     down or has never answered)
   */
  public record Row(ReplicaView view, String digest) {}

  @PostConstruct
  void read() {
    nowMs = System.currentTimeMillis();
    cache = cacheControl.state();
    entries = readCache.entries();
    services = replicas.services().stream().map(this::service).toList();
  }

  private Service service(ReplicaRouter<?> replicas) {
    return new Service(
        replicas.name(),
        replicas.view().stream()
            .map(
                v ->
                    new Row(
                        v, v.state().equals("dead") ? "" : shortDigest(digests.digestOf(v.url()))))
            .toList());
  }

  private static String shortDigest(String digest) {
    return digest.length() > DIGEST_CHARS ? digest.substring(0, DIGEST_CHARS) : digest;
  }

  /**
   * @return the cache's figures
   */
  public CacheState getCache() {
    return cache;
  }

  /**
   * @return the cache's entries: lookups by item id, then searches by topic
   */
  public List<EntryView> getEntries() {
    return entries;
  }

  /**
   * @param first index of the first entry shown
   * @param count entries per page
   * @return that page of the entries (empty past the end)
   */
  public List<EntryView> entryPage(int first, int count) {
    return entries.subList(
        Math.min(first, entries.size()), Math.min(first + count, entries.size()));
  }

  /**
   * @return both services, each with its replicas
   */
  public List<Service> getServices() {
    return services;
  }

  /**
   * @return the last {@value #EVENTS_SHOWN} events, newest first
   */
  public List<ClusterEvents.Event> getEvents() {
    List<ClusterEvents.Event> recent = events.recent();
    return recent.subList(0, Math.min(EVENTS_SHOWN, recent.size()));
  }

  /**
   * @param atMs a moment, ms since the epoch (0: never)
   * @return how long ago, for a person: "0.4 s ago", "12 s ago", "3 min ago", or "never"
   */
  public String ago(long atMs) {
    if (atMs <= 0) {
      return "never";
    }
    long ms = Math.max(0, nowMs - atMs);
    return ms < 10_000
        ? String.format("%.1f s ago", ms / 1000.0)
        : ms < 120_000 ? ms / 1000 + " s ago" : ms / 60_000 + " min ago";
  }

  /**
   * @param ms a duration, ms
   * @return it for a person: "850 ms", "12.3 s"
   */
  public String duration(long ms) {
    return ms < 1000 ? ms + " ms" : String.format("%.1f s", ms / 1000.0);
  }
}
