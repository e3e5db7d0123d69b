package bookstore.frontend.interfaces.rest;

import bookstore.platform.rest.JsonRequestLimits;
import bookstore.platform.rest.ProblemExceptionMapper;
import bookstore.platform.rest.UnexpectedExceptionMapper;
import bookstore.platform.rest.WebApplicationExceptionMapper;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import java.util.Set;

/** The front end's JAX-RS application: the public API under {@code /api}, and the classic book- and toy-store protocols. */
@ApplicationPath("/")
public class FrontendApplication extends Application {
  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(
        BooksResource.class,
        OrdersResource.class,
        AdminResource.class,
        BookStoreProtocolResource.class,
        ToyStoreProtocolResource.class,
        ProblemExceptionMapper.class,
        WebApplicationExceptionMapper.class,
        UnexpectedExceptionMapper.class,
        JsonRequestLimits.class);
  }

  /** @return Jersey's WADL off: it would name the Jersey version to anyone who asks */
  @Override
  public Map<String, Object> getProperties() {
    return Map.of("jersey.config.server.wadl.disableWadl", true);
  }
}
