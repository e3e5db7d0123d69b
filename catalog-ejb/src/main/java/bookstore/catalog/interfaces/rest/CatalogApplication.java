package bookstore.catalog.interfaces.rest;

import bookstore.platform.rest.JerseySettings;
import bookstore.platform.rest.ServerProviders;
import bookstore.replication.rest.AcknowledgeWhenPublished;
import bookstore.replication.rest.ReplicaResource;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import java.util.Set;

/** The catalog node's JAX-RS application: {@code /catalog/items/...} and {@code /replica}. */
@ApplicationPath("/")
public class CatalogApplication extends Application {
  @Override
  public Set<Class<?>> getClasses() {
    return ServerProviders.with(
        CatalogResource.class, ReplicaResource.class, AcknowledgeWhenPublished.class);
  }

  /**
   * @return {@link JerseySettings#PROPERTIES}: WADL off
   */
  @Override
  public Map<String, Object> getProperties() {
    return JerseySettings.PROPERTIES;
  }
}
