package bookstore.platform.rest;

import bookstore.api.Problem;
import bookstore.api.ProblemTypes;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last resort: any exception no other mapper claims becomes a problem+json answer instead of
 * the container's HTML page. A peer that did not answer, or the message broker being unreachable,
 * is a 503 (the write was not made, or is idempotent, and may be retried); anything else is a 500,
 * logged with its stack trace.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
  private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

  @Override
  public Response toResponse(Throwable e) {
    if (causedBy(e, "jakarta.ws.rs.ProcessingException")) {
      return ProblemExceptionMapper.problem(
          new Problem(
              ProblemTypes.PEER_UNREACHABLE,
              "Peer Unreachable",
              503,
              "a replica this request needed did not answer (it may have failed); retry"));
    }
    if (causedByBroker(e)) {
      LOG.log(Level.WARNING, "write refused, the message broker is unavailable: " + e);
      return ProblemExceptionMapper.problem(
          new Problem(
              ProblemTypes.BROKER_UNAVAILABLE,
              "Broker Unavailable",
              503,
              "the message broker is unavailable; the write was not made, try again"));
    }
    LOG.log(Level.SEVERE, "unexpected failure", e);
    return ProblemExceptionMapper.problem(
        new Problem(
            "about:blank", "Internal Server Error", 500, "unexpected failure; it is logged"));
  }

  private static boolean causedBy(Throwable e, String className) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getClass().getName().equals(className)) {
        return true;
      }
    }
    return false;
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
