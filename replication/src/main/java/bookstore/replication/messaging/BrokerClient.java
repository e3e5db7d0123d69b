package bookstore.replication.messaging;

import bookstore.replication.ReplicaIdentity;
import bookstore.replication.ServerResources;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * What the replication machinery's broker clients share: a thread of their own (a container thread,
 * from {@link ServerResources#threads()}), and one connection with one transacted session to the
 * service's update topic ({@link ReplicaIdentity#updatesTopic()}: {@code catalog.updates} or {@code
 * order.updates}), opened when needed and dropped whole when it fails: the connection does not
 * reconnect by itself ({@link BrokerAddress}), its owner opens a new one on its own schedule. The
 * session and what hangs on it are used by the client's thread only.
 */
abstract class BrokerClient {
  @Inject BrokerAddress broker;

  @Inject ReplicaIdentity identity;

  private volatile boolean running = true;

  /** Set by the connection's exception listener (a broker thread): the connection is gone. */
  private volatile boolean lost;

  private Thread thread;
  private ActiveMQConnectionFactory factory;
  private Connection connection;
  private Session session;

  /**
   * Starts the client's thread.
   *
   * @param name the thread's name
   * @param loop what it runs; it should end once {@link #running()} says false
   */
  void start(String name, Runnable loop) {
    thread = ServerResources.threads().newThread(loop);
    thread.setName(name);
    thread.start();
  }

  /**
   * @return false once the application is stopping
   */
  boolean running() {
    return running;
  }

  @PreDestroy
  void stop() {
    running = false;
    if (thread != null) {
      thread.interrupt();
    }
  }

  /**
   * @return the open transacted session, opening a connection and a session first (and {@link
   *     #opened}) when there is none or the last one was lost
   * @throws JMSException when the broker does not answer
   */
  Session session() throws JMSException {
    if (lost) {
      close();
    }
    if (session != null) {
      return session;
    }
    // a factory per connection: one that connected before remembers the pair's topology and tries
    // the broker it knew as live first (ARTEMIS-2835), for seconds after that broker has died
    if (factory == null) {
      factory = broker.connectionFactory();
    }
    Connection opened;
    try {
      opened = factory.createConnection();
    } catch (JMSException | RuntimeException e) {
      closeFactory();
      throw e;
    }
    try {
      opened.setExceptionListener(
          e -> {
            if (connection == opened) {
              lost = true;
              connectionLost();
            }
          });
      Session transacted = opened.createSession(true, Session.SESSION_TRANSACTED);
      opened(transacted);
      opened.start();
      connection = opened;
      session = transacted;
      return transacted;
    } catch (JMSException | RuntimeException e) {
      BrokerAddress.closeQuietly(opened);
      closeFactory();
      throw e;
    }
  }

  /**
   * Drops the connection (after a failure, or when stopping); the next {@link #session()} opens a
   * new one.
   */
  void close() {
    lost = false;
    Connection open = connection;
    connection = null;
    session = null;
    BrokerAddress.closeQuietly(open);
    closeFactory();
  }

  private void closeFactory() {
    ActiveMQConnectionFactory closing = factory;
    factory = null;
    if (closing != null) {
      closing.close();
    }
  }

  /**
   * @param session a session just opened: make what the client sends or receives with
   * @throws JMSException when the broker refuses
   */
  abstract void opened(Session session) throws JMSException;

  /** The connection was lost (called on a broker thread); the default does nothing. */
  void connectionLost() {}
}
