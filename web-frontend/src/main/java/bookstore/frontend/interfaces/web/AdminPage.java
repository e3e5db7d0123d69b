package bookstore.frontend.interfaces.web;

import bookstore.frontend.application.CacheControl;
import bookstore.platform.security.AdminAuthentication;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.Serializable;

/**
 * The admin page's own state and its buttons: which page of cache entries is shown, flush, cache on
 * and off, logout. Named {@code admin} in the page; lives as long as the page is open.
 */
@Named("admin")
@ViewScoped
public class AdminPage implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Cache entries per page (items). */
  public static final int ENTRIES_PER_PAGE = 10;

  /** The cache's switch and figures. */
  @Inject CacheControl cache;

  /** The page of cache entries shown, from 0. */
  private int entriesPage;

  /**
   * @return the index of the first cache entry shown
   */
  public int getFirstEntry() {
    return entriesPage * ENTRIES_PER_PAGE;
  }

  /**
   * @return cache entries per page
   */
  public int getEntriesPerPage() {
    return ENTRIES_PER_PAGE;
  }

  /**
   * @param entries how many entries there are now
   * @return "entries 11-20 of 34"
   */
  public String entriesShown(int entries) {
    entriesPage = Math.max(0, Math.min(entriesPage, (entries - 1) / ENTRIES_PER_PAGE));
    if (entries == 0) {
      return "no entries";
    }
    return "entries "
        + (getFirstEntry() + 1)
        + "-"
        + Math.min(entries, getFirstEntry() + ENTRIES_PER_PAGE)
        + " of "
        + entries;
  }

  /** Shows the previous page of cache entries. */
  public void previousEntries() {
    entriesPage = Math.max(0, entriesPage - 1);
  }

  /** Shows the next page of cache entries (kept within the entries by {@link #entriesShown}). */
  public void nextEntries() {
    entriesPage++;
  }

  /** Drops every cache entry. */
  public void flush() {
    cache.flush();
    entriesPage = 0;
  }

  /** Switches the cache on when it is off, and off (and flushed) when it is on. */
  public void toggleCache() {
    cache.setEnabled(!cache.state().enabled());
  }

  /**
   * Logs the admin out and goes to the login form.
   *
   * @throws ServletException when the container cannot log out
   * @throws IOException when the redirect cannot be sent
   */
  public void logout() throws ServletException, IOException {
    ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
    ((HttpServletRequest) external.getRequest())
        .logout(); // AdminAuthentication.cleanSubject ends the session
    external.redirect(external.getRequestContextPath() + AdminAuthentication.LOGIN_PAGE);
  }
}
