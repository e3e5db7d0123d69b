package bookstore.frontend.interfaces.rest;

import bookstore.api.Problem;
import bookstore.platform.rest.ServletProblems;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;

/**
 * The web application's default error page ({@code WEB-INF/web.xml}): an error the servlet
 * container answers itself (a path under {@code /WEB-INF/}, a request that fails before JAX-RS sees
 * it) gets an RFC 9457 problem+json body with the same status and no class or version names. Errors
 * inside JAX-RS already have one (the exception mappers). A direct request to this path is a 404.
 * {@link ServletProblems} adds {@code nosniff}.
 */
@WebServlet(urlPatterns = "/container-error")
public class ContainerErrorServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer c && c >= 400 ? c : 404;
    Response.StatusType type = Response.Status.fromStatusCode(status);
    String title = type != null ? type.getReasonPhrase() : "Error";
    ServletProblems.send(
        response,
        new Problem(
            "about:blank", title, status, status >= 500 ? "the server could not answer" : title));
  }
}
