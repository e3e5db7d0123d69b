package bookstore.bench.load;

import bookstore.client.StoreHttp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Runs a {@link Workload} on N concurrent clients (one thread and at most one connection each, over
 * the shared {@link StoreHttp}) for a duration or a number of requests, and collects every request.
 * Actions can be scheduled into the run (a node killed at 10 s); they are marked with the time they
 * happened.
 */
public final class LoadGenerator {
  private final StoreHttp http;

  /**
   * @param http the store
   */
  public LoadGenerator(StoreHttp http) {
    this.http = http;
  }

  /**
   * How long and how wide a run is.
   *
   * @param clients concurrent clients (connections), at least 1
   * @param duration how long the clients start new requests; used when {@code requests} is 0
   * @param requests total requests over all clients, or 0 to run for {@code duration}
   * @param thinkTime pause of each client between its sessions (0: none)
   * @param actions things to do during the run, at a given time
   */
  public record Plan(
      int clients, Duration duration, long requests, Duration thinkTime, List<Action> actions) {
    /**
     * Checks the plan.
     *
     * @param clients concurrent clients (connections), at least 1
     * @param duration how long the clients start new requests; used when {@code requests} is 0
     * @param requests total requests over all clients, or 0 to run for {@code duration}
     * @param thinkTime pause of each client between its sessions (0 or null: none)
     * @param actions things to do during the run, or null for none
     */
    public Plan {
      if (clients < 1) {
        throw new IllegalArgumentException("at least one client");
      }
      if (requests < 0
          || (requests == 0 && (duration == null || duration.isNegative() || duration.isZero()))) {
        throw new IllegalArgumentException("a run needs a positive duration or request count");
      }
      thinkTime = thinkTime == null ? Duration.ZERO : thinkTime;
      actions = actions == null ? List.of() : List.copyOf(actions);
    }

    /**
     * @param more the actions, in place of this plan's
     * @return the plan with these actions
     */
    public Plan withActions(List<Action> more) {
      return new Plan(clients, duration, requests, thinkTime, more);
    }
  }

  /**
   * Something to do during a run.
   *
   * @param label what it is, as marked on plots, e.g. "kill catalog-3"
   * @param at when, after the run starts
   * @param task the action; its failure is marked, not thrown
   */
  public record Action(String label, Duration at, Runnable task) {}

  /**
   * An action as it happened.
   *
   * @param label what it was (with the failure, if it failed)
   * @param atSeconds when it started, in seconds since the run started
   */
  public record Marker(String label, double atSeconds) {}

  /**
   * What a run did.
   *
   * @param samples every request, in order of start time
   * @param wall from the start until the last client finished
   * @param markers the scheduled actions as they happened
   */
  public record Run(List<Sample> samples, Duration wall, List<Marker> markers) {}

  /** Watches a run's progress, e.g. to draw a progress bar. */
  public interface Progress {
    /**
     * @param completed requests answered so far (a live count)
     * @param plan the run's plan: its duration or request count is the goal
     * @return called once the run ended
     */
    Runnable started(LongSupplier completed, Plan plan);
  }

  /** The requests a run may still start: until a deadline, or a count is used up. */
  static final class Budget {
    private final long deadlineNanos;
    private final AtomicLong remaining;
    private final AtomicLong completed = new AtomicLong();

    Budget(Plan plan, long startNanos) {
      this.deadlineNanos =
          plan.requests() > 0 ? Long.MAX_VALUE : startNanos + plan.duration().toNanos();
      this.remaining = new AtomicLong(plan.requests() > 0 ? plan.requests() : Long.MAX_VALUE);
    }

    boolean claim() {
      return System.nanoTime() - deadlineNanos < 0 && remaining.getAndDecrement() > 0;
    }

    boolean over() {
      return System.nanoTime() - deadlineNanos >= 0 || remaining.get() <= 0;
    }

    void completed() {
      completed.incrementAndGet();
    }
  }

  /**
   * Runs the workload and returns once every client stopped.
   *
   * @param plan clients, duration or requests, think time, actions
   * @param workload what each client's sessions do
   * @param progress told when the run starts and ends
   * @return every request and the actions' times
   */
  public Run run(Plan plan, Workload workload, Progress progress) {
    long start = System.nanoTime();
    TimedRequests requests = new TimedRequests(http, start);
    Budget budget = new Budget(plan, start);
    List<Marker> markers = java.util.Collections.synchronizedList(new ArrayList<>());
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(daemon("bench-actions"));
    for (Action action : plan.actions()) {
      scheduler.schedule(
          () -> perform(action, requests, markers), action.at().toNanos(), TimeUnit.NANOSECONDS);
    }
    Runnable ended = progress.started(budget.completed::get, plan);
    List<LoadClient> clients = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < plan.clients(); i++) {
      LoadClient client = new LoadClient(requests, budget, start + 31L * i);
      clients.add(client);
      Thread thread =
          new Thread(
              () -> loop(client, workload, budget, plan.thinkTime()), "bench-client-" + (i + 1));
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      joinUninterruptibly(thread);
    }
    Duration wall = Duration.ofNanos(System.nanoTime() - start);
    scheduler.shutdownNow();
    ended.run();
    List<Sample> samples = new ArrayList<>();
    clients.forEach(c -> samples.addAll(c.samples()));
    samples.sort(Comparator.comparingLong(Sample::startMicros));
    List<Marker> happened;
    synchronized (markers) {
      happened = List.copyOf(markers);
    }
    return new Run(samples, wall, happened);
  }

  private static void loop(
      LoadClient client, Workload workload, Budget budget, Duration thinkTime) {
    try {
      while (!budget.over()) {
        workload.session(client);
        if (!thinkTime.isZero()) {
          Thread.sleep(thinkTime.toMillis(), thinkTime.toNanosPart() % 1_000_000);
        }
      }
    } catch (LoadClient.RunOver over) {
      // the session ended with the run
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void perform(Action action, TimedRequests requests, List<Marker> markers) {
    double at = requests.nowMicros() / 1e6;
    try {
      action.task().run();
      markers.add(new Marker(action.label(), at));
    } catch (RuntimeException e) {
      markers.add(new Marker(action.label() + " (failed: " + e.getMessage() + ")", at));
    }
  }

  private static void joinUninterruptibly(Thread thread) {
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
