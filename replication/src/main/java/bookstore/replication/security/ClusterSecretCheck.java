package bookstore.replication.security;

import bookstore.api.Problem;
import bookstore.platform.rest.ServletProblems;
import bookstore.platform.security.ClusterSecret;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A replica answers only its cluster (SPEC "Admin"): every request but {@code /health} (open) and
 * {@code /metrics} and {@code /openapi} (the admin login) must carry the cluster secret in {@link
 * ClusterSecret#HEADER}, or is refused with 401 {@value #TYPE} problem+json before it reaches the
 * service: no stock taken without an order, no step-down, no forged coordinator, no snapshot for an
 * outsider.
 */
@WebFilter(urlPatterns = "/*")
public class ClusterSecretCheck extends HttpFilter {
  /** The problem type of a refusal. */
  public static final String TYPE = "urn:bookstore:cluster-secret-required";

  private static final long serialVersionUID = 1L;
  private static final String CHALLENGE = ClusterSecret.HEADER + " realm=\"bookstore cluster\"";

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (open(path) || ClusterSecret.matches(request.getHeader(ClusterSecret.HEADER))) {
      chain.doFilter(request, response);
      return;
    }
    response.setHeader("WWW-Authenticate", CHALLENGE); // RFC 9110: a 401 names its scheme
    ServletProblems.send(
        response,
        new Problem(
            TYPE,
            "Unauthorized",
            401,
            "a replica answers only the nodes of its cluster: send the cluster secret in "
                + ClusterSecret.HEADER));
  }

  private static boolean open(String path) {
    return under(path, "/health") || under(path, "/metrics") || under(path, "/openapi");
  }

  private static boolean under(String path, String prefix) {
    return path.equals(prefix) || path.startsWith(prefix + "/");
  }
}
