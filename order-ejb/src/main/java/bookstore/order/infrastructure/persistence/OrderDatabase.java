package bookstore.order.infrastructure.persistence;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;

/**
 * This replica's own Derby database, embedded, at the path in the environment variable {@code
 * BOOKSTORE_ORDER_DB} (one per replica; the start script puts it under the run directory). The
 * variable and the JNDI name carry the service's name so that the catalog and the order service can
 * share one server (the EAR on Payara Server, {@code ./bookstore server}). Derby is on the server
 * classpath (./bookstore copies the Derby jars into each node's Payara root), not in the WAR, so a
 * restarted node can open it again.
 *
 * <p>Not an XA data source: a write is one local Derby transaction (its state change and its
 * write-log entry together), and the primary's outbox publishes the entry after the commit ({@code
 * bookstore.replication.Outbox}). A process killed at any point leaves no in-doubt transaction
 * holding row locks across the restart.
 */
@DataSourceDefinition(
    name = "java:app/jdbc/order",
    className = "org.apache.derby.jdbc.EmbeddedDataSource",
    databaseName = "${ENV=BOOKSTORE_ORDER_DB}",
    // prepared statements kept per pooled connection: Derby compiles each new one to bytecode
    maxStatements = 64,
    properties = {"createDatabase=create"})
@Singleton
public class OrderDatabase {}
