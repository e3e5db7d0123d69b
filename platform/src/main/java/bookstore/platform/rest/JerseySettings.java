package bookstore.platform.rest;

import java.util.Map;

/**
 * Settings every JAX-RS application of the store gives Jersey ({@code
 * Application.getProperties()}): no WADL, and no second validation of resource parameters.
 */
public final class JerseySettings {
  /**
   * Jersey's WADL off ({@code /application.wadl}): it would name the Jersey version to anyone who
   * asks, and describe every internal path of a replica.
   */
  public static final Map<String, Object> PROPERTIES =
      Map.of(
          "jersey.config.server.wadl.disableWadl",
          true,
          // Jersey's own Bean Validation of resource methods off: every resource is a CDI bean,
          // whose
          // parameters Bean Validation's CDI interceptor checks already (the same constraints, the
          // same ConstraintViolationException, answered 400 by ConstraintViolationMapper); both
          // ran on every request, 3% of the front end's CPU under buys
          "jersey.config.beanValidation.disable.server",
          true);

  private JerseySettings() {}
}
