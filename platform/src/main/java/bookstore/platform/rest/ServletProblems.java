package bookstore.platform.rest;

import bookstore.api.Problem;
import bookstore.platform.messaging.JsonMessages;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes an RFC 9457 problem+json answer from servlet code, where JAX-RS's exception mappers do not
 * reach: the container's error page, the admin login's 401, a replica's refusal of a caller without
 * the cluster secret. Sets {@code X-Content-Type-Options: nosniff} itself, since these answers may
 * be written before {@link SecurityHeaders} runs.
 */
public final class ServletProblems {
  private ServletProblems() {}

  /**
   * Writes the problem as the whole answer and commits it, so that nothing later (the container's
   * own error handling) can replace it.
   *
   * @param response the answer, not yet committed; headers set before (e.g. {@code
   *     WWW-Authenticate}) stay
   * @param problem its status and body
   * @throws IOException when the caller has gone
   */
  public static void send(HttpServletResponse response, Problem problem) throws IOException {
    byte[] body = JsonMessages.toJson(problem).getBytes(StandardCharsets.UTF_8);
    response.setStatus(problem.status());
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setContentType(Problem.MEDIA_TYPE);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
    response.flushBuffer();
  }
}
