package bookstore.frontend.interfaces.health;

import bookstore.api.replication.UpdateTopics;
import bookstore.frontend.infrastructure.cache.ReadCache;
import bookstore.frontend.infrastructure.messaging.InvalidationSubscription;
import bookstore.frontend.infrastructure.replicas.ReplicaDirectory;
import bookstore.platform.routing.ReplicaRouter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the front end ({@code /health/ready}): UP once its heartbeats have heard a live
 * primary and a caught-up replica of each service (so that a first lookup and a first buy find
 * where to go) and the broker has confirmed its cache's invalidation subscription (so that no write
 * after it can leave a stale entry; {@link InvalidationSubscription}), else DOWN with what is
 * missing under {@code missing}. Named {@code bookstore-frontend} so the start script can tell it
 * from the empty UP Payara reports before any application is deployed.
 */
@Readiness
@ApplicationScoped
public class FrontendReadiness implements HealthCheck {
  @Inject ReadCache cache;
  @Inject ReplicaDirectory replicas;
  @Inject InvalidationSubscription invalidations;

  @Override
  public HealthCheckResponse call() {
    Optional<String> subscription =
        invalidations.confirmedAtMs().isPresent()
            ? Optional.empty()
            : Optional.of(
                "the broker has not yet confirmed the cache's subscription to "
                    + UpdateTopics.CATALOG);
    Optional<String> missing =
        Stream.concat(
                replicas.services().stream().map(ReplicaRouter::missing), Stream.of(subscription))
            .flatMap(Optional::stream)
            .reduce((a, b) -> a + "; " + b);
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named("bookstore-frontend")
            .status(missing.isEmpty())
            .withData("cacheEnabled", cache.isEnabled())
            .withData("cachedItems", cache.itemEntries());
    missing.ifPresent(m -> response.withData("missing", m));
    return response.build();
  }
}
