package bookstore.bench.store;

import bookstore.api.Item;
import bookstore.client.StoreHttp;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * What the benchmark asks of the store outside the measured load: switch the front end's cache,
 * read its statistics, create items with ample stock. Every call fails loudly ({@link
 * IllegalStateException}) when the store does not answer as expected, since a benchmark set up
 * wrongly measures the wrong thing.
 */
public final class StoreAdmin {
  /** The most units one restock may add (items): the store refuses more. */
  public static final int MAX_RESTOCK = 1_000_000;

  private static final Jsonb JSONB = JsonbBuilder.create();

  private final StoreHttp http;

  /**
   * @param http the store to talk to
   */
  public StoreAdmin(StoreHttp http) {
    this.http = http;
  }

  /**
   * The front end's invalidation timing, from a catalog write's commit to its entry leaving the
   * cache, as it reports it in {@code GET /api/admin/cache} ({@code "invalidations"}).
   *
   * @param count invalidations measured
   * @param p50Ms median, in ms
   * @param p99Ms 99th percentile, in ms
   * @param maxMs longest, in ms
   */
  public record InvalidationTimes(long count, double p50Ms, double p99Ms, double maxMs) {}

  /**
   * @return whether the front end serves reads from its cache now
   */
  public boolean cacheEnabled() {
    return Boolean.TRUE.equals(cacheState().get("enabled"));
  }

  /**
   * @param enabled whether the front end should serve reads from its cache (off also flushes it)
   */
  public void switchCache(boolean enabled) {
    call(http.switchCache(enabled), 200);
  }

  /**
   * @return the front end's cache state as JSON: enabled, entries, hits, misses, ...
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> cacheState() {
    return JSONB.fromJson(call(http.cacheState(), 200), Map.class);
  }

  /**
   * @return the front end's invalidation timing, or empty when this front end does not report it
   */
  public Optional<InvalidationTimes> invalidationTimes() {
    if (!(cacheState().get("invalidations") instanceof Map<?, ?> times)) {
      return Optional.empty();
    }
    return Optional.of(
        new InvalidationTimes(
            number(times.get("count")).longValue(),
            number(times.get("p50Ms")).doubleValue(),
            number(times.get("p99Ms")).doubleValue(),
            number(times.get("maxMs")).doubleValue()));
  }

  /**
   * Creates an item under topic {@code bench}.
   *
   * @param title its title
   * @param stock units in stock (items)
   * @param price unit price
   * @return the new item, with its id
   */
  public Item addItem(String title, int stock, BigDecimal price) {
    String json =
        JSONB.toJson(Map.of("title", title, "topic", "bench", "stock", stock, "price", price));
    return JSONB.fromJson(call(http.addItem(json), 201), Item.class);
  }

  /**
   * Tops an item's stock up to at least {@code units}, by one restock ({@code POST
   * /api/admin/items/{id}/restock}) of the difference, at most {@link #MAX_RESTOCK}; does nothing
   * when it holds as many already. Reads the stock by a lookup, which the front end may answer from
   * its cache.
   *
   * @param itemId item
   * @param units the stock it should hold at least (items)
   * @return the units added (items), 0 when none were
   */
  public int ensureStock(int itemId, int units) {
    int missing = units - lookup(itemId).stock();
    if (missing <= 0) {
      return 0;
    }
    int added = Math.min(missing, MAX_RESTOCK);
    call(http.restock(itemId, added), 200);
    return added;
  }

  /**
   * @param itemId item
   * @return the item as a lookup answers it now
   */
  public Item lookup(int itemId) {
    return JSONB.fromJson(call(http.lookup(itemId), 200), Item.class);
  }

  /**
   * @param json an item's JSON as the API answers it
   * @return the item
   */
  public static Item parseItem(String json) {
    return JSONB.fromJson(json, Item.class);
  }

  private String call(StoreHttp.Request request, int expected) {
    try {
      StoreHttp.Answer answer = http.send(request);
      if (answer.status() != expected) {
        throw new IllegalStateException(
            request.method()
                + " "
                + request.uri()
                + " answered "
                + answer.status()
                + ": "
                + answer.body());
      }
      return answer.body();
    } catch (IOException e) {
      throw new IllegalStateException(
          request.method() + " " + request.uri() + ": no answer (" + e + ")", e);
    }
  }

  private static Number number(Object value) {
    return value instanceof Number n ? n : Double.NaN;
  }
}
