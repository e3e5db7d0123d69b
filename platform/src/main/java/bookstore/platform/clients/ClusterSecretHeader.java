package bookstore.platform.clients;

import bookstore.platform.security.ClusterSecret;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;

/**
 * Adds the cluster secret ({@link ClusterSecret#HEADER}) to every call a node's Rest Clients make.
 */
public class ClusterSecretHeader implements ClientRequestFilter {
  @Override
  public void filter(ClientRequestContext request) {
    ClusterSecret.value()
        .ifPresent(secret -> request.getHeaders().putSingle(ClusterSecret.HEADER, secret));
  }
}
