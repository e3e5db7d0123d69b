package bookstore.platform.rest;

import bookstore.api.Problem;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one mapper of Bean Validation failures: a request whose body, path, query or header breaks a
 * constraint gets 400 problem+json whose detail names each field and what it must be ({@link
 * Violations#describe}), and nothing was changed. A violated constraint on a return value is the
 * server's fault: 500, logged.
 */
@Provider
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {
  private static final Logger LOG = Logger.getLogger(ConstraintViolationMapper.class.getName());

  @Context ResourceInfo resource;

  @Override
  public Response toResponse(ConstraintViolationException e) {
    boolean answer =
        e.getConstraintViolations().stream()
            .anyMatch(v -> kindIn(v.getPropertyPath(), ElementKind.RETURN_VALUE));
    if (answer) {
      LOG.log(Level.SEVERE, "an answer broke its own constraints", e);
      return ProblemExceptionMapper.problem(
          new Problem(
              "about:blank",
              "Internal Server Error",
              500,
              "the answer was not valid; it is logged"));
    }
    String detail =
        Violations.describe(
            e.getConstraintViolations(), resource == null ? null : resource.getResourceMethod());
    return ProblemExceptionMapper.problem(new Problem("about:blank", "Bad Request", 400, detail));
  }

  private static boolean kindIn(Path path, ElementKind kind) {
    for (Path.Node node : path) {
      if (node.getKind() == kind) {
        return true;
      }
    }
    return false;
  }
}
