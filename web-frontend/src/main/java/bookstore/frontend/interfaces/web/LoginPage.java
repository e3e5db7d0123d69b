package bookstore.frontend.interfaces.web;

import bookstore.platform.security.AdminAuthentication;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.NotBlank;
import java.io.IOException;

/**
 * The admin page's login form ({@code /admin/login.xhtml}): hands the user name and password to
 * Jakarta Security ({@link AdminAuthentication} checks them), then opens the admin page. Named
 * {@code login} in the page.
 */
@Named("login")
@RequestScoped
public class LoginPage {
  @Inject SecurityContext security;

  @NotBlank(message = "the user name is missing")
  private String user;

  @NotBlank(message = "the password is missing")
  private String password;

  /**
   * Logs in; on success goes to the admin page, else stays on the form with a message.
   *
   * @throws IOException when the redirect cannot be sent
   */
  public void submit() throws IOException {
    FacesContext faces = FacesContext.getCurrentInstance();
    ExternalContext external = faces.getExternalContext();
    AuthenticationStatus status =
        security.authenticate(
            (HttpServletRequest) external.getRequest(),
            (HttpServletResponse) external.getResponse(),
            AuthenticationParameters.withParams()
                .credential(new UsernamePasswordCredential(user, password))
                .newAuthentication(true));
    if (status == AuthenticationStatus.SUCCESS) {
      external.redirect(external.getRequestContextPath() + AdminAuthentication.HOME_PAGE);
    } else {
      faces.addMessage(
          null, new FacesMessage(FacesMessage.SEVERITY_ERROR, "wrong user name or password", null));
    }
  }

  /**
   * @return the user name typed
   */
  public String getUser() {
    return user;
  }

  /**
   * @param user the user name typed
   */
  public void setUser(String user) {
    this.user = user;
  }

  /**
   * @return the password typed
   */
  public String getPassword() {
    return password;
  }

  /**
   * @param password the password typed
   */
  public void setPassword(String password) {
    this.password = password;
  }
}
