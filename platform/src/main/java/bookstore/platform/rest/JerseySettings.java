package bookstore.platform.rest;

import java.util.Map;

/**
 * Settings every JAX-RS application of the store gives Jersey ({@code
 * Application.getProperties()}).
 *
 * <p>Jersey's own Bean Validation of resource methods stays on, though Bean Validation's CDI
 * interceptor checks the same constraints again on the front end's resources (3% of its CPU under
 * buys): switched off, the replicas' resources went unchecked (a decrement of 0 units with a blank
 * key reached the catalog and answered 500; HostileInputIT).
 */
public final class JerseySettings {
  /**
   * Jersey's WADL off ({@code /application.wadl}): it would name the Jersey version to anyone who
   * asks, and describe every internal path of a replica.
   */
  public static final Map<String, Object> PROPERTIES =
      Map.of("jersey.config.server.wadl.disableWadl", true);

  private JerseySettings() {}
}
