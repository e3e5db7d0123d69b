package bookstore.chaos.load;

import bookstore.api.Item;
import bookstore.api.Order;
import bookstore.bench.store.StoreAdmin;
import bookstore.chaos.history.Fault;
import bookstore.chaos.history.History;
import bookstore.chaos.history.Operation;
import bookstore.chaos.history.Operation.Outcome;
import bookstore.chaos.history.Operation.Type;
import bookstore.client.StoreHttp;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * The clients of a history run: each, until stopped, picks one of the run's items at random, and
 * buys 1 to 3 of it (half the time, each buy with an idempotency key of its own) or looks it up,
 * then rests {@link #THINK_TIME_MS}; every operation is recorded with its invocation and completion
 * times and its {@link Outcome}. Client {@code c} draws from {@code new Random(seed + c)}, so a
 * seed repeats the same requests (not their timing).
 */
public final class HistoryClients {
  /**
   * Pause between one client's operations (ms): eight clients with no pause keep both cores of a
   * small machine busy, and a restarted node then needs minutes to boot; with it, the load is still
   * about 150 operations/s.
   */
  public static final long THINK_TIME_MS = 25;

  private static final Jsonb JSONB = JsonbBuilder.create();

  private final StoreHttp http;
  private final List<Integer> items;
  private final int initialStock;
  private final ConcurrentLinkedQueue<Operation> operations = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final ExecutorService pool;
  private final List<Future<?>> clients = new ArrayList<>();
  private final long startNanos;

  /**
   * Starts the clients.
   *
   * @param http the store's front end
   * @param items the run's items, created for it
   * @param initialStock the stock each was created with (items)
   * @param count how many clients, each on its own thread
   * @param seed the first client's random seed
   */
  public HistoryClients(
      StoreHttp http, List<Integer> items, int initialStock, int count, long seed) {
    this.http = http;
    this.items = List.copyOf(items);
    this.initialStock = initialStock;
    this.pool = Executors.newFixedThreadPool(count);
    this.startNanos = System.nanoTime();
    for (int c = 0; c < count; c++) {
      int client = c;
      Random random = new Random(seed + c);
      clients.add(pool.submit(() -> run(client, random)));
    }
  }

  private void run(int client, Random random) {
    while (running.get()) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(THINK_TIME_MS));
      int itemId = items.get(random.nextInt(items.size()));
      operations.add(
          random.nextBoolean()
              ? buy(client, itemId, 1 + random.nextInt(3))
              : lookup(client, itemId));
    }
  }

  /**
   * An operation as invoked, to be recorded as an {@link Operation} when it ends (completed then).
   *
   * @param type buy or lookup
   * @param client the client that runs it
   * @param itemId the item asked for
   * @param quantity items a buy asks for (0 for a lookup)
   * @param key a buy's idempotency key (null for a lookup)
   * @param invokedNanos when it was sent ({@link System#nanoTime()})
   */
  private record Invocation(
      Type type, int client, int itemId, int quantity, String key, long invokedNanos) {
    /** The operation answered with {@code outcome}: its status and a failure's problem detail. */
    Operation answered(Outcome outcome, StoreHttp.Answer answer, Order order, int stockSeen) {
      return ended(outcome, answer.status(), order, stockSeen, detail(answer));
    }

    /** The operation with no answer (its outcome unknown): the error instead. */
    Operation threw(Exception e) {
      return ended(Outcome.UNKNOWN, 0, null, -1, e.toString());
    }

    private Operation ended(
        Outcome outcome, int status, Order order, int stockSeen, String detail) {
      return new Operation(
          type,
          client,
          itemId,
          quantity,
          key,
          invokedNanos,
          System.nanoTime(),
          outcome,
          status,
          order,
          stockSeen,
          detail);
    }
  }

  private Operation buy(int client, int itemId, int quantity) {
    String key = UUID.randomUUID().toString();
    Invocation buy = new Invocation(Type.BUY, client, itemId, quantity, key, System.nanoTime());
    try {
      StoreHttp.Answer answer = http.send(http.buy(itemId, quantity, key));
      int status = answer.status();
      Outcome outcome =
          status == 201 ? Outcome.OK : status / 100 == 4 ? Outcome.FAIL : Outcome.UNKNOWN;
      Order order = status == 201 ? JSONB.fromJson(answer.body(), Order.class) : null;
      return buy.answered(outcome, answer, order, -1);
    } catch (IOException | RuntimeException e) {
      return buy.threw(e);
    }
  }

  private Operation lookup(int client, int itemId) {
    Invocation lookup = new Invocation(Type.LOOKUP, client, itemId, 0, null, System.nanoTime());
    try {
      StoreHttp.Answer answer = http.send(http.lookup(itemId));
      boolean ok = answer.status() == 200;
      int stock = ok ? JSONB.fromJson(answer.body(), Item.class).stock() : -1;
      return lookup.answered(ok ? Outcome.OK : Outcome.UNKNOWN, answer, null, stock);
    } catch (IOException | RuntimeException e) {
      return lookup.threw(e);
    }
  }

  /**
   * @return a failed answer's problem detail (for the error summary), null for a success
   */
  private static String detail(StoreHttp.Answer answer) {
    if (answer.status() / 100 == 2) {
      return null;
    }
    String body = answer.body() == null ? "" : answer.body();
    int at = body.indexOf("\"detail\"");
    return at < 0
        ? body.substring(0, Math.min(120, body.length()))
        : body.substring(at, Math.min(body.length(), at + 160));
  }

  /**
   * Creates a run's items, so that no one else's buys mix with the run's: the checker compares
   * their stock with the orders for them.
   *
   * @param http the store's front end, with the admin login
   * @param titlePrefix the start of each item's title (a random UUID follows)
   * @param count how many items
   * @param stock the stock each is created with (items)
   * @return their ids
   * @throws IllegalStateException when the store does not create one
   */
  public static List<Integer> createItems(
      StoreHttp http, String titlePrefix, int count, int stock) {
    StoreAdmin admin = new StoreAdmin(http);
    List<Integer> items = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      items.add(admin.addItem(titlePrefix + " " + UUID.randomUUID(), stock, BigDecimal.ONE).id());
    }
    return items;
  }

  /**
   * @return when the clients started ({@link System#nanoTime()})
   */
  public long startNanos() {
    return startNanos;
  }

  /**
   * @return the operations completed so far, in the order they completed
   */
  public List<Operation> operations() {
    return List.copyOf(operations);
  }

  /**
   * @param which the operations to count
   * @return how many of the completed operations match
   */
  public long count(Predicate<Operation> which) {
    return operations.stream().filter(which).count();
  }

  /**
   * Waits until {@code count} more operations matching {@code which} have completed, checking every
   * 50 ms (a nemesis lets the store serve between faults, or sees it serve while one lasts).
   *
   * @param what the operations, for the error, e.g. "acknowledged buys"
   * @param which the operations to count
   * @param count how many more
   * @param atMost how long to wait at most
   * @throws TimeoutException when they do not complete in time
   */
  public void awaitMore(String what, Predicate<Operation> which, int count, Duration atMost)
      throws TimeoutException {
    long target = count(which) + count;
    long deadline = System.nanoTime() + atMost.toNanos();
    while (count(which) < target) {
      if (System.nanoTime() - deadline > 0) {
        throw new TimeoutException(
            count + " more " + what + " did not complete within " + atMost.toSeconds() + " s");
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
  }

  /**
   * Stops the clients, waits for each to finish its operation in flight (at most 2 min: a request's
   * read timeout is 30 s), and returns the history.
   *
   * @param faults the faults injected meanwhile
   * @return everything recorded
   * @throws IllegalStateException when a client does not stop in time or failed
   */
  public History stop(List<Fault> faults) {
    running.set(false);
    pool.shutdown();
    try {
      if (!pool.awaitTermination(2, TimeUnit.MINUTES)) {
        throw new IllegalStateException("the clients did not stop within 2 min");
      }
      for (Future<?> client : clients) {
        client.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the clients stopped", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("a client failed", e.getCause());
    }
    return new History(
        startNanos, System.nanoTime(), items, initialStock, List.copyOf(operations), faults);
  }

  /** Acknowledged buys: {@link #awaitMore}'s usual argument while a fault lasts. */
  public static final Predicate<Operation> ACKNOWLEDGED_BUYS = Operation::acknowledgedBuy;

  /** Any successful operation: {@link #awaitMore}'s usual argument between faults. */
  public static final Predicate<Operation> SUCCESSFUL = o -> o.outcome() == Outcome.OK;
}
