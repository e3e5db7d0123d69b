package bookstore.catalog.infrastructure.persistence;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;

/**
 * This replica's own Derby database, embedded, at the path in the environment variable {@code
 * BOOKSTORE_DB} (one per replica; the start script puts it under the run directory). Derby is on
 * the server classpath (./bookstore copies the Derby jars into each node's Payara root), not in the
 * WAR, so a restarted node can open it again.
 *
 * <p>Not an XA data source: a write is one local Derby transaction (its state change and its
 * write-log entry together), and the primary's outbox publishes the entry after the commit ({@code
 * bookstore.replication.Outbox}). A process killed at any point leaves no in-doubt transaction
 * holding row locks across the restart.
 */
@DataSourceDefinition(
    name = "java:app/jdbc/bookstore",
    className = "org.apache.derby.jdbc.EmbeddedDataSource",
    databaseName = "${ENV=BOOKSTORE_DB}",
    // prepared statements kept per pooled connection: Derby compiles each new one to bytecode
    maxStatements = 64,
    properties = {"createDatabase=create"})
@Singleton
public class CatalogDatabase {}
