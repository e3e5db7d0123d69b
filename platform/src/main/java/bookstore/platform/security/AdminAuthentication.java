package bookstore.platform.security;

import bookstore.api.Problem;
import bookstore.platform.rest.ServletProblems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/**
 * How every node of the store authenticates its admin (Jakarta Security; SPEC "Admin"). Jakarta
 * Security allows one mechanism per application, and the store needs two ways in, so this one
 * mechanism serves both:
 *
 * <ul>
 *   <li><b>HTTP Basic</b> (RFC 7617) on any request that sends {@code Authorization: Basic}: the
 *       REST admin API ({@code /api/admin/*}), {@code /metrics} and {@code /openapi}. A missing or
 *       wrong password on a protected path answers 401 with {@code WWW-Authenticate: Basic} and an
 *       RFC 9457 problem+json body.
 *   <li><b>A login form</b> for the admin page ({@code /admin/*}): the page's login form hands the
 *       credential over through {@code SecurityContext.authenticate}; once it is valid the HTTP
 *       session (with a new id, against session fixation) remembers the admin on {@code /admin/*}
 *       until logout; the REST API, metrics and OpenAPI take HTTP Basic only. A protected page
 *       asked for without a login is redirected to {@value #LOGIN_PAGE}.
 * </ul>
 *
 * Which paths are protected is declared once, in the platform jar's {@code
 * META-INF/web-fragment.xml} (role {@value AdminAccount#ROLE}); the public API never asks for
 * credentials.
 */
@ApplicationScoped
public class AdminAuthentication implements HttpAuthenticationMechanism {
  /** The admin page's login form, open to anyone (path within the web application). */
  public static final String LOGIN_PAGE = "/admin/login.xhtml";

  /** Where the admin page starts (path within the web application). */
  public static final String HOME_PAGE = "/admin/index.xhtml";

  /** The problem type of a 401. */
  public static final String UNAUTHORIZED = "urn:bookstore:unauthorized";

  private static final String SESSION_USER = AdminAuthentication.class.getName() + ".user";
  private static final String CHALLENGE = "Basic realm=\"bookstore admin\", charset=\"UTF-8\"";

  @Inject IdentityStoreHandler identityStores;

  /**
   * @return SUCCESS with the caller and its groups once a credential checks out; SEND_CONTINUE for
   *     a redirect to the login form; SEND_FAILURE once a 401 has been written, or when the login
   *     form's credential is wrong (the form says so itself); NOT_DONE for a public path asked for
   *     without credentials
   */
  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    Credential submitted = context.getAuthParameters().getCredential();
    if (submitted != null) {
      CredentialValidationResult result = identityStores.validate(submitted);
      if (result.getStatus() != CredentialValidationResult.Status.VALID) {
        return AuthenticationStatus.SEND_FAILURE;
      }
      request.getSession(true);
      request.changeSessionId();
      request.getSession().setAttribute(SESSION_USER, result.getCallerPrincipal().getName());
      return context.notifyContainerAboutLogin(result);
    }
    String authorization = request.getHeader("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      CredentialValidationResult result =
          identityStores.validate(basic(authorization.substring(6).strip()));
      if (result.getStatus() == CredentialValidationResult.Status.VALID) {
        return context.notifyContainerAboutLogin(result);
      }
      return context.isProtected()
          ? refuse(response, "wrong user name or password")
          : context.doNothing();
    }
    boolean page = request.getRequestURI().startsWith(request.getContextPath() + "/admin");
    HttpSession session =
        page ? request.getSession(false) : null; // the form's login opens the page only
    if (session != null && session.getAttribute(SESSION_USER) instanceof String user) {
      return context.notifyContainerAboutLogin(user, Set.of(AdminAccount.ROLE));
    }
    if (!context.isProtected()) {
      return context.doNothing();
    }
    if (page) {
      if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
        return ajaxRedirect(
            response,
            request.getContextPath() + LOGIN_PAGE); // the page's refresh after a logout elsewhere
      }
      return context.redirect(request.getContextPath() + LOGIN_PAGE);
    }
    return refuse(
        response, "this path needs the admin login (HTTP Basic, user " + AdminAccount.USER + ")");
  }

  /** Forgets the login form's session: the next page asked for goes to the login form again. */
  @Override
  public void cleanSubject(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
  }

  private static Credential basic(String encoded) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      return new UsernamePasswordCredential("", "");
    }
    int colon = decoded.indexOf(':');
    return colon < 0
        ? new UsernamePasswordCredential("", "")
        : new UsernamePasswordCredential(decoded.substring(0, colon), decoded.substring(colon + 1));
  }

  /**
   * A page's Ajax request (Faces' {@code partial/ajax}) cannot follow an HTTP redirect to an HTML
   * page: it gets Faces' partial-response redirect instead, which the page follows.
   */
  private static AuthenticationStatus ajaxRedirect(HttpServletResponse response, String location) {
    byte[] body =
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                + location
                + "\"/></partial-response>")
            .getBytes(StandardCharsets.UTF_8);
    response.setContentType("text/xml;charset=UTF-8");
    response.setContentLength(body.length);
    try {
      response.getOutputStream().write(body);
      response.flushBuffer();
    } catch (IOException clientGone) {
      // the page was closed meanwhile
    }
    return AuthenticationStatus.SEND_CONTINUE;
  }

  /** Writes and commits the 401 here: nothing after this may turn it into an HTML error page. */
  private static AuthenticationStatus refuse(HttpServletResponse response, String detail) {
    response.setHeader("WWW-Authenticate", CHALLENGE);
    try {
      ServletProblems.send(response, new Problem(UNAUTHORIZED, "Unauthorized", 401, detail));
    } catch (IOException clientGone) {
      // the caller hung up: the 401 stands, whether or not it was read
    }
    return AuthenticationStatus.SEND_FAILURE;
  }
}
