package bookstore.platform.clients;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;

/**
 * Tells a refused connection from other failures to reach a node. On this store's loopback network
 * a refused connection means nothing listens on the node's port: its process is gone (or not yet
 * started), so it is dead now, and a request sent there cannot have arrived. A timeout, by
 * contrast, says nothing certain: the node may be slow, and the request may have been served.
 */
public final class ConnectionRefused {
  private ConnectionRefused() {}

  /**
   * @param failure an exception from an HTTP call, with its causes
   * @return whether the call failed because the connection was refused (a {@link ConnectException}
   *     among the causes, and no timeout: the JDK client reports a connect timeout as a timeout
   *     caused by a {@code ConnectException})
   */
  public static boolean in(Throwable failure) {
    boolean refused = false;
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof HttpTimeoutException || t instanceof SocketTimeoutException) {
        return false;
      }
      refused |= t instanceof ConnectException;
    }
    return refused;
  }
}
