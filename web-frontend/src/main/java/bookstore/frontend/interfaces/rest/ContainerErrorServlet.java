package bookstore.frontend.interfaces.rest;

import bookstore.api.Problem;
import bookstore.platform.messaging.JsonMessages;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The web application's default error page ({@code WEB-INF/web.xml}): an error the servlet
 * container answers itself (a path under {@code /WEB-INF/}, a request that fails before JAX-RS
 * sees it) gets an RFC 9457 problem+json body with the same status and no class or version
 * names. Errors inside JAX-RS already have one (the exception mappers). A direct request to this
 * path is a 404. {@link bookstore.platform.rest.SecurityHeaders} adds {@code nosniff} here too.
 */
@WebServlet(urlPatterns = "/container-error")
public class ContainerErrorServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer c && c >= 400 ? c : 404;
    Response.StatusType type = Response.Status.fromStatusCode(status);
    String title = type != null ? type.getReasonPhrase() : "Error";
    byte[] body =
        JsonMessages.toJson(new Problem("about:blank", title, status, status >= 500 ? "the server could not answer" : title))
            .getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setContentType(Problem.MEDIA_TYPE);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
