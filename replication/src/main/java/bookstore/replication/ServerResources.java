package bookstore.replication;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.transaction.TransactionSynchronizationRegistry;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The server objects the replication machinery's CDI beans use, looked up by name when asked for
 * instead of injected with {@code @Resource}: inside an EAR on Payara Server ({@code ./bookstore
 * server}), a {@code @Resource} field of a class that two WARs both carry in their libraries (this
 * jar is in the catalog's and the order service's) is looked up in the wrong module's {@code
 * java:comp/env} and fails the deployment. The standard names below need no module's environment:
 * the server answers them in any component.
 */
public final class ServerResources {
  /** The server's default managed thread factory (Jakarta EE's standard name, any component). */
  static final String THREAD_FACTORY = "java:comp/DefaultManagedThreadFactory";

  /** The transaction synchronization registry (Jakarta EE's standard name, any component). */
  static final String TRANSACTIONS = "java:comp/TransactionSynchronizationRegistry";

  /** Looked up once: the server has one registry, and a lookup costs more than a write's share. */
  private static volatile TransactionSynchronizationRegistry transactions;

  private ServerResources() {}

  /**
   * @return the server's default managed thread factory (threads with the container's context)
   * @throws IllegalStateException when not running in a Payara server
   */
  public static ManagedThreadFactory threads() {
    return lookup(THREAD_FACTORY);
  }

  /**
   * @return the transaction synchronization registry of the calling thread's transactions
   * @throws IllegalStateException when not running in a Jakarta EE server
   */
  public static TransactionSynchronizationRegistry transactions() {
    TransactionSynchronizationRegistry registry = transactions;
    if (registry == null) {
      registry = lookup(TRANSACTIONS);
      transactions = registry;
    }
    return registry;
  }

  private static <T> T lookup(String name) {
    try {
      return InitialContext.doLookup(name);
    } catch (NamingException e) {
      throw new IllegalStateException("the server has nothing at " + name, e);
    }
  }
}
