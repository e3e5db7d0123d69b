package bookstore.platform.rest;

import bookstore.api.Problem;
import bookstore.api.ProblemException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Answers a {@link ProblemException} with its status and an RFC 9457 problem+json body. */
@Provider
public class ProblemExceptionMapper implements ExceptionMapper<ProblemException> {
  @Override
  public Response toResponse(ProblemException e) {
    return problem(e.problem());
  }

  /**
   * @param problem the problem
   * @return a response with its status and problem+json body
   */
  public static Response problem(Problem problem) {
    return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
  }
}
