package bookstore.platform.rest;

import bookstore.api.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last resort: any exception no other mapper claims becomes a problem+json answer instead
 * of the container's HTML page. A failure to reach the message broker is a 503 (the write was
 * rolled back and may be retried); anything else is a 500, logged with its stack trace.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
  private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

  @Override
  public Response toResponse(Throwable e) {
    if (causedByBroker(e)) {
      LOG.log(Level.WARNING, "write refused, the message broker is unavailable: " + e);
      return ProblemExceptionMapper.problem(
          new Problem(
              "about:blank",
              "Service Unavailable",
              503,
              "the message broker is unavailable; the write was not made, try again"));
    }
    LOG.log(Level.SEVERE, "unexpected failure", e);
    return ProblemExceptionMapper.problem(
        new Problem("about:blank", "Internal Server Error", 500, "unexpected failure: " + e.getClass().getSimpleName()));
  }

  private static boolean causedByBroker(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String name = t.getClass().getName();
      if (name.startsWith("jakarta.jms.") || name.startsWith("org.apache.activemq.")) {
        return true;
      }
    }
    return false;
  }
}
