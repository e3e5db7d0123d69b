package bookstore.platform.clients;

import bookstore.api.Problem;
import bookstore.api.ProblemException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * Turns a replica's error answer (status 400 and up) into a {@link ProblemException} with the
 * replica's own problem, so the front end can pass a 404 or 409 on unchanged. An answer without
 * a problem body keeps its status with a generic title.
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
    return new ProblemException(
        status, response.getStatusInfo().getReasonPhrase(), "a replica answered " + status);
  }

  private static boolean isJson(MediaType type) {
    return type != null && type.getSubtype().endsWith("json");
  }
}
