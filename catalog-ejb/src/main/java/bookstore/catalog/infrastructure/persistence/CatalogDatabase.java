package bookstore.catalog.infrastructure.persistence;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;

/**
 * This replica's own Derby database, embedded, at the path in the environment variable {@code
 * BOOKSTORE_DB} (one per replica; the start script puts it under the run directory). Derby is on
 * the server classpath (--addlibs), not in the WAR, so a restarted node can open it again.
 */
@DataSourceDefinition(
    name = "java:app/jdbc/bookstore",
    className = "org.apache.derby.jdbc.EmbeddedXADataSource",
    databaseName = "${ENV=BOOKSTORE_DB}",
    properties = {"createDatabase=create"})
@Singleton
public class CatalogDatabase {}
