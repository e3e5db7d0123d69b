package bookstore.platform.rest;

import bookstore.api.Problem;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Gives the container's own errors (unknown path 404, wrong method 405, unreadable body 400,
 * unsupported media type 415) a problem+json body too, so every error a client sees has one shape.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
  @Override
  public Response toResponse(WebApplicationException e) {
    Response.StatusType status = e.getResponse().getStatusInfo();
    return ProblemExceptionMapper.problem(
        new Problem(
            "about:blank", status.getReasonPhrase(), status.getStatusCode(), e.getMessage()));
  }
}
