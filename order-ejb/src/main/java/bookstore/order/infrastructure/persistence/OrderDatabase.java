package bookstore.order.infrastructure.persistence;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;

/**
 * This replica's own Derby database, embedded, at the path in the environment variable {@code
 * BOOKSTORE_DB} (one per replica; the start script puts it under the run directory). Derby is on
 * the server classpath (--addlibs), not in the WAR, so a restarted node can open it again.
 *
 * <p>Not an XA data source on purpose: the transaction manager commits Derby as its last
 * (one-phase) resource after preparing the JMS send. A process killed between the two leaves no
 * in-doubt Derby transaction holding row locks across the restart (an XA branch would, and no
 * transaction log survives to resolve it); at worst the message is lost with Derby committed,
 * and backups fetch that write from the primary's log when they see the gap.
 */
@DataSourceDefinition(
    name = "java:app/jdbc/bookstore",
    className = "org.apache.derby.jdbc.EmbeddedDataSource",
    databaseName = "${ENV=BOOKSTORE_DB}",
    properties = {"createDatabase=create"})
@Singleton
public class OrderDatabase {}
