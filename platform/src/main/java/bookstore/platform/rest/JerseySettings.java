package bookstore.platform.rest;

import java.util.Map;

/**
 * Settings every JAX-RS application of the store gives Jersey ({@code
 * Application.getProperties()}).
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
