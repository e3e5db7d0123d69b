package bookstore.chaos.nemesis;

import bookstore.bench.store.ClusterControl;
import bookstore.bench.store.ReplicaFinder;
import bookstore.chaos.history.Fault;
import bookstore.chaos.history.Fault.Kind;
import bookstore.client.StoreHttp;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Breaks the running store one fault at a time, through its own script ({@code ./bookstore kill |
 * freeze | partition ...}), and heals each fault before it returns: a killed node is started again
 * and ready, a frozen one continued, a cut-off one reconnected, a killed broker restarted (as the
 * standby); then it waits until the front end sees every replica alive and caught up again, so that
 * the next fault meets a whole store (one fault at a time: SPEC guarantee 6 is about one).
 *
 * <p>Choices come from one seeded {@link Random}: the kinds in turn, each round of them shuffled
 * (so a short run still meets every kind), and the target: a catalog or order replica, half the
 * time that service's primary, else any of its replicas. Each fault, and its healing, is posted to
 * the admin page's event list ({@code POST /api/admin/events}).
 */
public final class Nemesis {
  /** How long {@code ./bookstore restart} may take: a node boots in 20-50 s on 2 cores. */
  static final Duration RESTART_TIMEOUT = Duration.ofMinutes(5);

  /** How long the store may take to see every replica alive and caught up after a heal. */
  static final Duration WHOLE_AGAIN_TIMEOUT = Duration.ofMinutes(2);

  private final ClusterControl control;
  private final StoreHttp http;
  private final ReplicaFinder finder;
  private final Duration faultLength;
  private final Random random;
  private final FaultSchedule schedule;

  /**
   * @param control the store's script
   * @param http the store's front end (admin login: for its replica list and event list)
   * @param kinds the faults to inject, at least one (else {@link IllegalArgumentException})
   * @param faultLength how long each fault lasts before it is healed (a freeze: a few heartbeat
   *     intervals, 1 s each by default)
   * @param seed the seed of every choice
   */
  public Nemesis(
      ClusterControl control, StoreHttp http, List<Kind> kinds, Duration faultLength, long seed) {
    this.control = control;
    this.http = http;
    this.finder = new ReplicaFinder(http);
    this.faultLength = faultLength;
    this.random = new Random(seed);
    this.schedule = new FaultSchedule(kinds, random);
  }

  /**
   * Injects the next fault, lets it last, heals it and waits until the store is whole again.
   *
   * @return the fault, from its injection until it was healed
   * @throws IllegalStateException when the script fails, or the store does not heal in time
   */
  public Fault injectNext() {
    Kind kind = schedule.next();
    Target target = kind == Kind.BROKER ? liveBroker() : replica();
    switch (kind) {
      case KILL, BROKER -> control.kill(target.node());
      case FREEZE -> control.run(Duration.ofSeconds(30), "freeze", target.node());
      case PARTITION -> control.run(Duration.ofSeconds(30), "partition", target.node());
    }
    // from when the script has returned: the fault is in effect for certain (a buy sent while
    // the script started would count as after it, and shorten the pause)
    long injected = System.nanoTime();
    Fault fault = new Fault(kind, target.node(), target.primary(), injected, injected);
    event("chaos: " + fault.describe());
    try {
      // the fault's length is the fault itself, not a wait for a condition
      LockSupport.parkNanos(faultLength.toNanos());
    } finally {
      switch (kind) {
        case KILL, BROKER -> control.run(RESTART_TIMEOUT, "restart", target.node());
        case FREEZE -> control.run(Duration.ofSeconds(30), "thaw", target.node());
        case PARTITION -> control.run(Duration.ofSeconds(30), "heal", target.node());
      }
    }
    Fault healed = new Fault(kind, target.node(), target.primary(), injected, System.nanoTime());
    event(
        String.format(
            "chaos: healed %s after %.1f s",
            fault.describe(), (healed.healedNanos() - injected) / 1e9));
    awaitWholeStore();
    return healed;
  }

  /** A node to break, and whether it is its service's primary (or the live broker). */
  private record Target(String node, boolean primary) {}

  private Target replica() {
    String service = random.nextBoolean() ? "catalog" : "order";
    List<ReplicaFinder.Listed> replicas =
        finder.listed().stream().filter(r -> r.service().equals(service)).toList();
    if (replicas.isEmpty()) {
      throw new IllegalStateException("the front end lists no " + service + " replica");
    }
    Optional<ReplicaFinder.Listed> primary =
        replicas.stream().filter(ReplicaFinder.Listed::primary).findFirst();
    ReplicaFinder.Listed chosen =
        random.nextBoolean() && primary.isPresent()
            ? primary.get()
            : replicas.get(random.nextInt(replicas.size()));
    return new Target(service + "-" + chosen.replicaId(), chosen.primary());
  }

  private Target liveBroker() {
    for (String line : control.run(Duration.ofSeconds(60), "status").split("\n")) {
      String[] columns = line.trim().split("\\s+"); // NODE PID PORT HEALTH
      if (columns.length >= 4 && columns[0].startsWith("broker") && columns[3].equals("UP")) {
        return new Target(columns[0], true);
      }
    }
    throw new IllegalStateException("no live broker in ./bookstore status");
  }

  /** Waits until the front end lists every replica alive (none dead or catching up), polling. */
  private void awaitWholeStore() {
    long deadline = System.nanoTime() + WHOLE_AGAIN_TIMEOUT.toNanos();
    while (true) {
      List<ReplicaFinder.Listed> replicas = finder.listed();
      if (!replicas.isEmpty() && replicas.stream().allMatch(r -> r.state().equals("alive"))) {
        return;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException(
            "the store was not whole again within "
                + WHOLE_AGAIN_TIMEOUT.toSeconds()
                + " s of the heal: "
                + replicas);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
    }
  }

  /**
   * Posts an event to the admin page's list; a front end that cannot take it does not stop the run.
   */
  private void event(String text) {
    try {
      http.send(http.recordEvent(text));
    } catch (IOException | RuntimeException e) {
      System.err.println("bookstore chaos: could not post the event '" + text + "': " + e);
    }
  }
}
