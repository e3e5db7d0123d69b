package bookstore.frontend.interfaces.health;

import bookstore.frontend.infrastructure.cache.ReadCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the front end ({@code /health/ready}): UP once its application is deployed.
 * Named {@code bookstore-frontend} so the start script can tell it from the empty UP Payara
 * reports before any application is deployed.
 */
@Readiness
@ApplicationScoped
public class FrontendReadiness implements HealthCheck {
  @Inject ReadCache cache;

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("bookstore-frontend")
        .up()
        .withData("cacheEnabled", cache.isEnabled())
        .withData("cachedItems", cache.itemEntries())
        .build();
  }
}
