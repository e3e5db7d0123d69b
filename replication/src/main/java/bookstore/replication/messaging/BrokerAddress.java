package bookstore.replication.messaging;

import bookstore.platform.security.SecretFiles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where this node's broker is ({@code bookstore.broker.host}, default 127.0.0.1, and {@code
 * bookstore.broker.port}, from {@code BOOKSTORE_BROKER_PORT} that the start script sets) and how
 * the replication machinery connects to it: plain (non-XA) Artemis JMS connections that do not
 * reconnect by themselves ({@code reconnectAttempts=0}), so that a lost broker is noticed at once
 * and each user opens a new connection on its own schedule.
 *
 * <p>With {@code bookstore.broker.backup} ({@code host:port}, from {@code BOOKSTORE_BROKER_BACKUP})
 * the connection factory knows both brokers of the shared-store pair and a new connection goes to
 * whichever of the two is live: the standby does not listen until it has taken over.
 */
@ApplicationScoped
public class BrokerAddress {
  private static final Logger LOG = Logger.getLogger(BrokerAddress.class.getName());

  /** A call the broker does not answer within this long fails (ms). */
  static final int CALL_TIMEOUT_MS = 5_000;

  /**
   * Pause between the two rounds over the pair's connectors that one connection attempt makes
   * (Artemis's {@code retryInterval}, ms). Its default, 2,000 ms, made every attempt that found
   * neither broker listening (the live one killed, the standby not yet live) take 2 s, and the
   * outboxes reached the new live broker up to 2.5 s after it was there: measured with both brokers
   * down, an attempt took 2,041 ms with the default and 103 ms with 100 ms.
   */
  static final int CONNECT_RETRY_INTERVAL_MS = 100;

  @Inject
  @ConfigProperty(name = "bookstore.broker.host")
  String host;

  @Inject
  @ConfigProperty(name = "bookstore.broker.port")
  int port;

  /** The backup broker of the pair, {@code host:port}; empty when there is one broker. */
  @Inject
  @ConfigProperty(name = "bookstore.broker.backup")
  Optional<String> backup;

  /**
   * The broker user of this service's replicas: its role sends and consumes its updates topic only.
   */
  @Inject
  @ConfigProperty(name = "bookstore.broker.user")
  Optional<String> user;

  /**
   * That user's password, as {@code ./bookstore start} generated it ({@code
   * run/broker-password.<user>}).
   */
  @Inject
  @ConfigProperty(name = "bookstore.broker.password-file")
  Optional<String> passwordFile;

  /**
   * @return a new connection factory for this broker, logging in as {@code bookstore.broker.user}
   *     (the broker refuses a connection without a user: security-enabled, see broker.xml)
   */
  public ActiveMQConnectionFactory connectionFactory() {
    ActiveMQConnectionFactory factory =
        new ActiveMQConnectionFactory(
            url(host + ":" + port, backup.filter(b -> !b.isBlank()).orElse(null)));
    user.ifPresent(factory::setUser);
    passwordFile.flatMap(SecretFiles::firstLine).ifPresent(factory::setPassword);
    return factory;
  }

  /**
   * @param primary {@code host:port} of the broker
   * @param backup {@code host:port} of its backup, or null when there is none
   * @return the Artemis client URL: one connector, or both of the pair (tried in turn on connect,
   *     twice, {@value #CONNECT_RETRY_INTERVAL_MS} ms apart); no reconnection, calls time out after
   *     {@value #CALL_TIMEOUT_MS} ms
   */
  static String url(String primary, String backup) {
    String options =
        "?reconnectAttempts=0&callTimeout="
            + CALL_TIMEOUT_MS
            + "&retryInterval="
            + CONNECT_RETRY_INTERVAL_MS;
    return backup == null
        ? "tcp://" + primary + options
        : "(tcp://" + primary + ",tcp://" + backup + ")" + options;
  }

  /**
   * Closes a connection that failed or is no longer wanted; a failure to close is only logged.
   *
   * @param connection a connection, or null (nothing to close)
   */
  static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (JMSException | RuntimeException e) {
        LOG.log(Level.FINE, "closing a failed broker connection", e);
      }
    }
  }

  @Override
  public String toString() {
    return host
        + ":"
        + port
        + backup.filter(b -> !b.isBlank()).map(b -> " (backup " + b + ")").orElse("");
  }
}
