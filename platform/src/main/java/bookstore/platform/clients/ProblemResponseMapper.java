package bookstore.platform.clients;

import bookstore.api.Problem;
import bookstore.api.ProblemException;
import bookstore.api.ProblemTypes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * Turns a replica's error answer (status 400 and up) into a {@link ProblemException} with the
 * replica's own problem, so the front end can pass a 404 or 409 on unchanged. An answer without a
 * problem body did not come from the store's application (the node's server answers 404 while the
 * application is still deploying after a restart): it becomes 503 {@code
 * urn:bookstore:not-serving}, so that callers retry instead of passing on "unknown item".
 */
public class ProblemResponseMapper implements ResponseExceptionMapper<ProblemException> {
  @Override
  public ProblemException toThrowable(Response response) {
    int status = response.getStatus();
    MediaType type = response.getMediaType();
    if (type != null && type.toString().startsWith(Problem.MEDIA_TYPE) || isJson(type)) {
      try {
        response.bufferEntity();
        Problem problem = response.readEntity(Problem.class);
        if (problem != null && problem.status() == status) {
          return new ProblemException(problem);
        }
      } catch (RuntimeException unreadable) {
        // fall through to the generic problem
      }
    }
    return ProblemTypes.notServing(
        "a replica answered "
            + status
            + " "
            + response.getStatusInfo().getReasonPhrase()
            + " without a problem: its application is not serving (starting or stopping)");
  }

  private static boolean isJson(MediaType type) {
    return type != null && type.getSubtype().endsWith("json");
  }
}
