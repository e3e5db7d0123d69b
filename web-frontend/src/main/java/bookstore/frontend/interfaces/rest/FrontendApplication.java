package bookstore.frontend.interfaces.rest;

import bookstore.platform.rest.JerseySettings;
import bookstore.platform.rest.JsonRequestLimits;
import bookstore.platform.rest.ServerProviders;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import java.util.Set;

/**
 * The front end's JAX-RS application: the public API under {@code /api}, and the classic book- and
 * toy-store protocols.
 */
@ApplicationPath("/")
public class FrontendApplication extends Application {
  @Override
  public Set<Class<?>> getClasses() {
    return ServerProviders.with(
        BooksResource.class,
        OrdersResource.class,
        AdminResource.class,
        BookStoreProtocolResource.class,
        ToyStoreProtocolResource.class,
        JsonRequestLimits.class);
  }

  /**
   * @return {@link JerseySettings#PROPERTIES}: WADL off
   */
  @Override
  public Map<String, Object> getProperties() {
    return JerseySettings.PROPERTIES;
  }
}
