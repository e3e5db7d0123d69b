package bookstore.platform.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Adds {@code X-Content-Type-Options: nosniff} to every answer, so that a browser takes a JSON or
 * problem+json body for what its {@code Content-Type} says and never renders it as a page.
 */
@Provider
public class SecurityHeaders implements ContainerResponseFilter {
  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    response.getHeaders().putSingle("X-Content-Type-Options", "nosniff");
  }
}
