package bookstore.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The cluster secret (SPEC "Admin"): every node-to-node call (front end to replica, replica to
 * peer, order service to catalog) carries it in the header {@value #HEADER}, and a replica answers
 * nothing but health, metrics and OpenAPI without it. It comes from {@code
 * bookstore.cluster.secret} (env {@code BOOKSTORE_CLUSTER_SECRET}) or the first line of the file
 * {@code bookstore.cluster.secret-file} ({@code BOOKSTORE_CLUSTER_SECRET_FILE}: {@code
 * run/cluster-secret}, which {@code ./bookstore start} generates, mode 600). Without either a
 * replica refuses every internal call: there is no default. Read once, at first use.
 */
public final class ClusterSecret {
  /** The request header that carries the secret. */
  public static final String HEADER = "Bookstore-Cluster-Secret";

  private static final Logger LOG = Logger.getLogger(ClusterSecret.class.getName());

  /** The secret as sent (every outgoing call) and as compared (every incoming one), made once. */
  private record Secret(String text, byte[] bytes) {}

  private static volatile Optional<Secret> secret;

  private ClusterSecret() {}

  /**
   * @return the secret, or empty when this node has none configured
   */
  public static Optional<String> value() {
    return load().map(Secret::text);
  }

  /**
   * @param presented the header's value as a caller sent it, or null
   * @return whether it is this cluster's secret (compared in constant time); false when this node
   *     has none configured
   */
  public static boolean matches(String presented) {
    Optional<Secret> known = load();
    return presented != null
        && known.isPresent()
        && MessageDigest.isEqual(known.get().bytes(), presented.getBytes(StandardCharsets.UTF_8));
  }

  private static Optional<Secret> load() {
    Optional<Secret> loaded = secret;
    if (loaded == null) {
      Config config = ConfigProvider.getConfig();
      Optional<String> value =
          config
              .getOptionalValue("bookstore.cluster.secret", String.class)
              .filter(s -> !s.isBlank())
              .or(
                  () ->
                      config
                          .getOptionalValue("bookstore.cluster.secret-file", String.class)
                          .flatMap(SecretFiles::firstLine));
      if (value.isEmpty()) {
        LOG.warning(
            "no cluster secret: set BOOKSTORE_CLUSTER_SECRET or BOOKSTORE_CLUSTER_SECRET_FILE; internal calls are refused");
      }
      loaded = value.map(String::strip).map(s -> new Secret(s, s.getBytes(StandardCharsets.UTF_8)));
      secret = loaded;
    }
    return loaded;
  }
}
