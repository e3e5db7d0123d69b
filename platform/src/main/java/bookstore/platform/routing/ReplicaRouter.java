package bookstore.platform.routing;

import bookstore.api.ProblemException;
import bookstore.api.ProblemTypes;
import bookstore.api.internal.Heartbeat;
import bookstore.platform.clients.ConnectionRefused;
import jakarta.ws.rs.ProcessingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * One service's replicas as a caller sees them, and the one way every node finds where a call goes
 * (SPEC "Replication", guarantee 6): a REST client per replica, and from the heartbeats ({@link
 * #heard}, fed by {@link ReplicaHeartbeats}) whether each is alive, caught up, and which one is
 * primary. Reads go round robin over the live, caught-up replicas; writes go to the primary. A
 * replica that stops answering leaves the round robin at once; one that answers again rejoins once
 * it has applied what the primary held when it came back. Every call follows the service through a
 * failover with the one {@link Failover} policy. Used by the front end (both services) and by the
 * order service (its catalog calls).
 *
 * @param <A> the service's client interface
 */
public final class ReplicaRouter<A> {
  private final String name;
  private final List<String> urls;
  private final List<A> clients;
  private final List<A> readClients;
  private final Failover failover;
  private final Replica[] replicas;
  private final AtomicInteger nextRead = new AtomicInteger();

  private final RoutingEvents events;

  /** Runs writes, so that the caller can stop waiting for a replica that goes silent; or null. */
  private final Executor writes;

  /** The primary's heartbeat as last seen, to notice elections and failovers. */
  private Heartbeat lastPrimary;

  /** What the front end knows of one replica. */
  private static final class Replica {
    volatile boolean alive = true;
    volatile boolean caughtUp = true;
    volatile long rejoinAt;
    volatile Heartbeat last;

    /** When its last heartbeat arrived (ms since the epoch; 0: never). */
    volatile long heardAtMs;

    /** When it was found dead (ms since the epoch), while it is. */
    volatile long downSinceMs;

    /** Since when it has been behind the primary's sequence (ms since the epoch; 0: it is not). */
    volatile long behindSinceMs;
  }

  /**
   * @param name "catalog" or "order"
   * @param urls the replicas' base URLs, by id
   * @param client makes a client for writes (long read timeout: a write waits for its commit)
   * @param readClient makes a client for reads (short read timeout: a slow replica is passed over)
   * @param failover the retry policy (the container's {@link Failover} bean)
   * @param events where replicas going down and back and primaries changing are recorded
   * @param writes runs each write while the caller watches the primary's heartbeats (threads with
   *     the container's context, from its managed thread factory); null: writes run on the caller's
   *     thread and are waited for until the client's read timeout
   */
  public ReplicaRouter(
      String name,
      List<String> urls,
      Function<String, A> client,
      Function<String, A> readClient,
      Failover failover,
      RoutingEvents events,
      Executor writes) {
    this.events = events;
    this.writes = writes;
    this.name = name;
    this.urls = List.copyOf(urls);
    this.clients = urls.stream().map(client).toList();
    this.readClients = urls.stream().map(readClient).toList();
    this.failover = failover;
    this.replicas = new Replica[urls.size()];
    for (int i = 0; i < replicas.length; i++) {
      replicas[i] = new Replica();
    }
  }

  /**
   * @return "catalog" or "order"
   */
  public String name() {
    return name;
  }

  /**
   * @return the replicas' base URLs, by id
   */
  public List<String> urls() {
    return urls;
  }

  /**
   * Takes in one heartbeat round's answer from a replica.
   *
   * @param id replica id, 1..N
   * @param heartbeat its answer, or null when it missed the heartbeats allowed
   */
  public synchronized void heard(int id, Heartbeat heartbeat) {
    Replica r = replicas[id - 1];
    long now = System.currentTimeMillis();
    if (heartbeat == null) {
      if (r.alive || r.downSinceMs == 0) {
        r.downSinceMs = now;
        events.record(
            RoutingEvents.Kind.DOWN, name + "-" + id + " is down: it missed its heartbeats");
      }
      r.alive = false;
      r.caughtUp = false;
      notePrimary();
      return;
    }
    if (!r.alive) {
      r.rejoinAt = primaryHeartbeat() == null ? 0 : primaryHeartbeat().lastSequence();
      events.record(
          RoutingEvents.Kind.BACK,
          name + "-" + id + " answers again; rejoins reads at sequence " + r.rejoinAt);
    }
    r.alive = true;
    r.downSinceMs = 0;
    r.last = heartbeat;
    r.heardAtMs = now;
    if (!r.caughtUp && heartbeat.lastSequence() >= r.rejoinAt) {
      r.caughtUp = true;
      if (r.rejoinAt > 0) {
        events.record(
            RoutingEvents.Kind.CAUGHT_UP,
            name
                + "-"
                + id
                + " caught up at sequence "
                + heartbeat.lastSequence()
                + ": it serves reads again");
      }
    }
    Heartbeat primary = primaryHeartbeat();
    boolean behind = primary != null && heartbeat.lastSequence() < primary.lastSequence();
    if (!behind) {
      r.behindSinceMs = 0;
    } else if (r.behindSinceMs == 0) {
      r.behindSinceMs = now;
    }
    notePrimary();
  }

  /** Records an event when the heartbeats name another primary, or the same in a new epoch. */
  private void notePrimary() {
    Heartbeat primary = primaryHeartbeat();
    if (primary == null) {
      return;
    }
    Heartbeat before = lastPrimary;
    lastPrimary = primary;
    if (before == null) {
      events.record(
          RoutingEvents.Kind.PRIMARY,
          name + "-" + primary.replicaId() + " is primary in epoch " + primary.epoch());
    } else if (before.replicaId() != primary.replicaId() || before.epoch() != primary.epoch()) {
      events.record(
          RoutingEvents.Kind.PRIMARY,
          name
              + "-"
              + primary.replicaId()
              + " is primary in epoch "
              + primary.epoch()
              + " (was "
              + name
              + "-"
              + before.replicaId()
              + " in epoch "
              + before.epoch()
              + ")");
    }
  }

  /**
   * What the front end knows of one replica, for the admin API.
   *
   * @param service "catalog" or "order"
   * @param replicaId 1..N
   * @param url its base URL
   * @param state "alive", "catching up" (answers again, not yet at the primary's sequence when it
   *     came back; no reads) or "dead" (missed its heartbeats)
   * @param primary whether the heartbeats name it primary
   * @param epoch the epoch of its last heartbeat (0 before the first)
   * @param lastSequence the last sequence it had applied at its last heartbeat
   * @param lagWrites how many writes it is behind the primary's last heartbeat (0 for the primary
   *     and for a dead replica)
   * @param lagMs how long it has been behind the primary, ms (0 when it is not)
   * @param heardAtMs when its last heartbeat arrived, ms since the epoch (0: never)
   * @param downSinceMs when it was found dead, ms since the epoch (0 while it is not)
   */
  public record ReplicaView(
      String service,
      int replicaId,
      String url,
      String state,
      boolean primary,
      long epoch,
      long lastSequence,
      long lagWrites,
      long lagMs,
      long heardAtMs,
      long downSinceMs) {}

  /**
   * @return every replica of the service, by id
   */
  public List<ReplicaView> view() {
    List<ReplicaView> out = new ArrayList<>();
    for (int id = 1; id <= replicas.length; id++) {
      out.add(view(id));
    }
    return out;
  }

  /**
   * @param id replica id, 1..N
   * @return what the front end knows of that replica now
   */
  public ReplicaView view(int id) {
    Replica r = replicas[id - 1];
    Heartbeat h = r.last;
    Heartbeat primaryBeat = primaryHeartbeat();
    String state = !r.alive ? "dead" : r.caughtUp ? "alive" : "catching up";
    long lagWrites =
        r.alive && h != null && primaryBeat != null
            ? Math.max(0, primaryBeat.lastSequence() - h.lastSequence())
            : 0;
    long lagMs =
        lagWrites > 0 && r.behindSinceMs > 0 ? System.currentTimeMillis() - r.behindSinceMs : 0;
    return new ReplicaView(
        name,
        id,
        urls.get(id - 1),
        state,
        r.alive && primaryId() == id,
        h == null ? 0 : h.epoch(),
        h == null ? 0 : h.lastSequence(),
        lagWrites,
        lagMs,
        r.heardAtMs,
        r.alive ? 0 : r.downSinceMs);
  }

  /**
   * Reads from the replicas, round robin: first the live, caught-up ones, then any. A replica that
   * refuses the connection is taken as dead until its next heartbeat; one that answers too slowly
   * is passed over for this read only (the heartbeats judge it). When no replica answers, the round
   * is made again under the {@link Failover} policy, so that a read during a failover or a restart
   * sees latency, not an error (SPEC guarantee 6).
   *
   * @param read a read
   * @param <T> its answer's type
   * @return its answer from the first replica that gives one; a replica behind the read's sequence
   *     hands it to the primary
   * @throws ProblemException the replica's own refusal (404, 400), or 503 when none answers within
   *     the failover deadline
   */
  public <T> T read(Function<A, T> read) {
    try {
      return failover.untilDeadline(() -> readRound(read));
    } catch (Failover.Retryable e) {
      throw ProblemException.unavailable(
          "no " + name + " replica answered before the failover deadline (" + e.getMessage() + ")");
    }
  }

  private <T> T readRound(Function<A, T> read) {
    String last = "no replica was tried";
    int n = readClients.size();
    int start = Math.floorMod(nextRead.getAndIncrement(), n);
    for (int pass = 0; pass < 2; pass++) {
      for (int i = 0; i < n; i++) {
        int index = (start + i) % n;
        Replica r = replicas[index];
        if ((pass == 0) != (r.alive && r.caughtUp)) {
          continue; // first pass: the replicas the heartbeats vouch for; second: the others
        }
        try {
          return read.apply(readClients.get(index));
        } catch (ProcessingException e) {
          if (ConnectionRefused.in(e)) {
            r.alive = false;
            r.caughtUp = false;
          }
          last = name + "-" + (index + 1) + " did not answer";
        } catch (ProblemException e) {
          if (ProblemTypes.REPLICA_BEHIND.equals(e.problem().type())) {
            return write(read, true);
          }
          if (e.problem().status() != 503) {
            throw e;
          }
          last = name + "-" + (index + 1) + ": " + e.problem().detail();
        }
      }
    }
    throw new Failover.Retryable("last: " + last, null);
  }

  /**
   * Sends a write to the primary, following it through a failover: a primary that does not answer,
   * or a replica that knows no primary yet, is tried again under the {@link Failover} policy; so is
   * an idempotent write that the primary refused because the broker is unreachable (a broker
   * failover).
   *
   * @param write the write
   * @param idempotent whether the write may be resent after a lost answer (a buy or a stock change,
   *     keyed by its idempotency key); other writes are resent only when they cannot have arrived
   *     (the connection was refused)
   * @param <T> its answer's type
   * @return the primary's answer
   * @throws ProblemException the primary's refusal (503 {@code broker-unavailable} when the broker
   *     was still away at the deadline); 503 when a write that is not idempotent lost its answer
   *     (it may or may not have been made), or at the failover deadline
   */
  public <T> T write(Function<A, T> write, boolean idempotent) {
    // the last refusal an attempt met: with the broker away, later attempts may only time out
    // (an order primary waiting on its own catalog retries), and the answer should still say why
    AtomicReference<ProblemException> refused = new AtomicReference<>();
    try {
      return failover.untilDeadline(
          () -> {
            try {
              return writeAttempt(write, idempotent);
            } catch (Failover.Retryable e) {
              if (e.getCause() instanceof ProblemException problem) {
                refused.set(problem);
              }
              throw e;
            }
          });
    } catch (Failover.Retryable e) {
      ProblemException last = refused.get();
      if (last != null && ProblemTypes.BROKER_UNAVAILABLE.equals(last.problem().type())) {
        throw last; // the broker (both of a pair) still away at the deadline: say so
      }
      throw ProblemException.unavailable(
          "no " + name + " primary answered before the failover deadline (" + e.getMessage() + ")");
    }
  }

  private <T> T writeAttempt(Function<A, T> write, boolean idempotent) {
    int primary = primaryId();
    try {
      return watched(primary, write, idempotent);
    } catch (SilentReplica e) {
      if (!idempotent) {
        throw ProblemException.unavailable(
            "the "
                + name
                + " primary went silent while it had the write; it may or may not have been made");
      }
      throw new Failover.Retryable("last: " + e.getMessage(), null);
    } catch (ProcessingException e) {
      if (!idempotent && !(ConnectionRefused.in(e))) {
        throw ProblemException.unavailable(
            "the " + name + " primary did not answer; the write may or may not have been made");
      }
      replicas[primary - 1].alive = false;
      throw new Failover.Retryable("last: " + name + "-" + primary + " did not answer", e);
    } catch (ProblemException e) {
      // no primary yet, a node not serving yet, or (for a read handed to the primary) a
      // replica the heartbeats still named primary that has stepped down and is behind; and for
      // a write with an idempotency key, the broker unreachable (the backup broker takes
      // over within seconds; the write was not made, or was committed and is answered by the same
      // key once the broker holds it, never made twice)
      // for a write with an idempotency key, also an old primary that lost its lease before it
      // could acknowledge (write-in-doubt): the key answers it on the new primary, made once
      boolean brokerFailover =
          idempotent
              && (ProblemTypes.BROKER_UNAVAILABLE.equals(e.problem().type())
                  || ProblemTypes.WRITE_IN_DOUBT.equals(e.problem().type()));
      if (!ProblemTypes.retryable(e.problem().type())
          && !ProblemTypes.REPLICA_BEHIND.equals(e.problem().type())
          && !brokerFailover) {
        throw e;
      }
      throw new Failover.Retryable(
          "last: " + name + "-" + primary + ": " + e.problem().detail(), e);
    }
  }

  /** How often a caller waiting for a write looks at the heartbeats' verdict on the primary, ms. */
  static final long SILENCE_CHECK_MS = 100;

  /** A write abandoned: the replica it went to missed its heartbeats while the write waited. */
  private static final class SilentReplica extends RuntimeException {
    SilentReplica(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Sends a write to replica {@code id} and waits for its answer, or until the heartbeats declare
   * that replica dead while the write waits (a frozen or cut-off primary still accepts connections
   * and would hold the write until the client's read timeout; the write is given up on, and an
   * idempotent one is retried on the new primary with its key). An idempotent write is also given
   * up on as soon as the heartbeats name another primary, in a newer epoch: that one took over from
   * a silent primary (which acknowledges nothing more: its lease is gone), and the front end hears
   * it a heartbeat or so before it declares the silent one dead; the key makes the write once
   * wherever it lands. The call itself goes on in its thread until it returns or times out; its
   * answer, if any, is dropped.
   *
   * @param idempotent whether the write carries an idempotency key (it may be sent again)
   * @throws SilentReplica when the replica was alive when the write was sent and then missed its
   *     heartbeats, or (idempotent) another primary took over meanwhile
   */
  private <T> T watched(int id, Function<A, T> write, boolean idempotent) {
    A client = clients.get(id - 1);
    Replica r = replicas[id - 1];
    if (writes == null || !r.alive) {
      return write.apply(client);
    }
    CompletableFuture<T> answer = CompletableFuture.supplyAsync(() -> write.apply(client), writes);
    try {
      while (true) {
        try {
          return answer.get(SILENCE_CHECK_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException waiting) {
          if (!r.alive) {
            answer.cancel(true);
            throw new SilentReplica(
                name + "-" + id + " went silent (it missed its heartbeats) while it had the write");
          }
          if (idempotent && primaryId() != id) {
            answer.cancel(true);
            throw new SilentReplica(
                name
                    + "-"
                    + primaryId()
                    + " took over from "
                    + name
                    + "-"
                    + id
                    + " while it had the write");
          }
        }
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      answer.cancel(true);
      throw ProblemException.unavailable("interrupted while waiting for the " + name + " primary");
    }
  }

  /**
   * Whether this service can serve the front end's first requests: its heartbeats name a live
   * primary (a write has somewhere to go) and at least one replica is alive and caught up (a read
   * has somewhere to go). Replicas start out presumed alive, so heartbeats must have been heard: a
   * primary is only known from one.
   *
   * @return empty when it can serve, else what is missing, in words (for the readiness check)
   */
  public Optional<String> missing() {
    if (primaryHeartbeat() == null) {
      return Optional.of("no " + name + " primary heard yet");
    }
    for (Replica r : replicas) {
      if (r.alive && r.caughtUp && r.last != null) {
        return Optional.empty();
      }
    }
    return Optional.of("no caught-up " + name + " replica");
  }

  /**
   * @return the primary by the heartbeats (the live replica that says it is primary, in the highest
   *     epoch), else the live replica with the highest id (it forwards, or answers that an election
   *     is under way)
   */
  public int primaryId() {
    Heartbeat best = primaryHeartbeat();
    if (best != null) {
      return best.replicaId();
    }
    for (int id = replicas.length; id >= 1; id--) {
      if (replicas[id - 1].alive) {
        return id;
      }
    }
    return replicas.length;
  }

  private Heartbeat primaryHeartbeat() {
    Heartbeat best = null;
    for (Replica r : replicas) {
      Heartbeat h = r.last;
      if (r.alive && h != null && h.primary() && (best == null || h.epoch() > best.epoch())) {
        best = h;
      }
    }
    return best;
  }
}
