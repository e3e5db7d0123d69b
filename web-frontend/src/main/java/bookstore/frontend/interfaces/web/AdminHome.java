package bookstore.frontend.interfaces.web;

import bookstore.platform.security.AdminAuthentication;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code /admin} and {@code /admin/}: redirect to the admin page (the Faces servlet serves {@code
 * /admin/*} views, which a bare folder is not). Behind the admin login like the page itself.
 */
@WebServlet(urlPatterns = {"/admin", "/admin/"})
public class AdminHome extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.sendRedirect(request.getContextPath() + AdminAuthentication.HOME_PAGE);
  }
}
