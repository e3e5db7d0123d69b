package bookstore.catalog.infrastructure.persistence;

import bookstore.api.Item;
import bookstore.catalog.domain.ItemRepository;
import bookstore.replication.ReplicaStateInitializer;
import bookstore.replication.WriteSequencer;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Loads the catalog data file into an empty database, once, at deployment (SPEC "Data"): {@code
 * catalog-data/<name>.json} where the name comes from {@code bookstore.catalog.data} ({@code
 * books}: the classic 7 books, or {@code toys}: the 10-toy catalogue). A database that has items is
 * left as it is. Seeding is not a replicated write: every replica seeds the same file, so they
 * start equal at sequence 0 (a replica started later, with an empty database, replaces its seed
 * with the primary's snapshot).
 */
@Singleton
@Startup
@DependsOn(ReplicaStateInitializer.NAME)
public class CatalogSeeder {
  private static final Logger LOG = Logger.getLogger(CatalogSeeder.class.getName());

  @Inject ItemRepository items;
  @Inject WriteSequencer sequencer;

  @Inject
  @ConfigProperty(name = "bookstore.catalog.data")
  String dataFile;

  @PostConstruct
  void seedIfEmpty() {
    sequencer.lock(); // no replicated write may be applied while we look and seed
    if (items.maxId() > 0) {
      return;
    }
    String resource = "catalog-data/" + dataFile + ".json";
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no catalog data file " + resource);
      }
      Item[] seed = JsonbBuilder.create().fromJson(in, Item[].class);
      for (Item i : seed) {
        items.add(
            new bookstore.catalog.domain.CatalogItem(
                i.id(), i.title(), i.topic(), i.stock(), i.price()));
      }
      LOG.info("loaded " + seed.length + " items from " + resource);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
