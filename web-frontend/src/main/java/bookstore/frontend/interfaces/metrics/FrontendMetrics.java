package bookstore.frontend.interfaces.metrics;

import bookstore.frontend.application.CacheControl;
import bookstore.frontend.infrastructure.replicas.ReplicaDirectory;
import bookstore.platform.routing.ReplicaRouter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.function.ToDoubleFunction;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The front end's MicroProfile Metrics besides the operation timers ({@code bookstore.operation},
 * on {@link bookstore.frontend.application.Storefront}): the read cache's figures, and each
 * replica's lag behind its primary as the heartbeats show it. Read at {@code /metrics} (admin only)
 * in Prometheus form, e.g. {@code bookstore_cache_hits_total} or {@code
 * bookstore_replica_lag_writes{service="catalog",replica="2"}}.
 */
@ApplicationScoped
public class FrontendMetrics {
  @Inject MetricRegistry registry;
  @Inject CacheControl cache;
  @Inject ReplicaDirectory replicas;

  void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
    cacheGauge(
        "bookstore.cache.entries",
        "entries held now, lookups and searches (items)",
        s -> s.itemEntries() + s.searchEntries());
    cacheGauge(
        "bookstore.cache.hits", "reads answered from the cache", CacheControl.CacheState::hits);
    cacheGauge(
        "bookstore.cache.misses", "reads that went to a replica", CacheControl.CacheState::misses);
    cacheGauge(
        "bookstore.cache.evictions",
        "entries dropped to stay within the bound",
        CacheControl.CacheState::evictions);
    cacheGauge(
        "bookstore.cache.invalidations",
        "invalidations received from the catalog",
        CacheControl.CacheState::invalidationsReceived);
    cacheGauge(
        "bookstore.cache.stale.fills.refused",
        "fills older than an invalidation already seen",
        CacheControl.CacheState::staleFillsRefused);
    cacheGauge(
        "bookstore.cache.invalidation.p99",
        "99th percentile of write-to-invalidation time (ms)",
        s -> s.invalidations().p99Ms());
    for (ReplicaRouter<?> service : replicas.services()) {
      for (int id = 1; id <= service.urls().size(); id++) {
        int replica = id;
        Tag[] tags = {new Tag("service", service.name()), new Tag("replica", String.valueOf(id))};
        registry.gauge(
            Metadata.builder()
                .withName("bookstore.replica.lag.writes")
                .withDescription("writes the replica is behind its primary, by the heartbeats")
                .build(),
            service,
            s -> s.view(replica).lagWrites(),
            tags);
        registry.gauge(
            Metadata.builder()
                .withName("bookstore.replica.lag.ms")
                .withDescription("how long the replica has been behind its primary (ms)")
                .build(),
            service,
            s -> s.view(replica).lagMs(),
            tags);
        registry.gauge(
            Metadata.builder()
                .withName("bookstore.replica.alive")
                .withDescription("1 while the replica answers its heartbeats, else 0")
                .build(),
            service,
            s -> s.view(replica).state().equals("dead") ? 0 : 1,
            tags);
      }
    }
  }

  private void cacheGauge(
      String name, String description, ToDoubleFunction<CacheControl.CacheState> figure) {
    registry.gauge(
        Metadata.builder().withName(name).withDescription(description).build(),
        cache,
        c -> figure.applyAsDouble(c.state()));
  }
}
