package bookstore.catalog.interfaces.rest;

import bookstore.platform.rest.JerseySettings;
import bookstore.platform.rest.ProblemExceptionMapper;
import bookstore.replication.rest.AcknowledgeWhenPublished;
import bookstore.replication.rest.ReplicaResource;
import bookstore.platform.rest.UnexpectedExceptionMapper;
import bookstore.platform.rest.WebApplicationExceptionMapper;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import java.util.Set;

/** The catalog node's JAX-RS application: {@code /catalog/items/...} and {@code /replica}. */
@ApplicationPath("/")
public class CatalogApplication extends Application {
  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(
        CatalogResource.class,
        ReplicaResource.class,
        AcknowledgeWhenPublished.class,
        ProblemExceptionMapper.class,
        WebApplicationExceptionMapper.class,
        UnexpectedExceptionMapper.class);
  }

  /** @return {@link JerseySettings#PROPERTIES}: WADL off */
  @Override
  public Map<String, Object> getProperties() {
    return JerseySettings.PROPERTIES;
  }
}
