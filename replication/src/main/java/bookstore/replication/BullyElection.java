package bookstore.replication;

import bookstore.api.ProblemException;
import bookstore.api.ProblemTypes;
import bookstore.api.internal.Heartbeat;
import bookstore.api.internal.StepDownAnswer;
import bookstore.platform.clients.ConnectionRefused;
import bookstore.platform.clients.ReplicaApi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The bully election (SPEC "Replication"): the live replica with the highest id is primary. The
 * election's ELECTION and ANSWER messages ride on the heartbeats (every replica knows which higher
 * ids are alive); the highest live replica that is not yet primary takes over:
 *
 * <ol>
 *   <li>it picks a new epoch, in a round above every epoch it has heard of and in its own slot of
 *       that round ({@link #nextEpoch}), and asks every peer to step down to it: the old primary,
 *       if it is alive, stops acknowledging writes at once. A peer that neither answers within one
 *       lease ({@link PeerClients#replicaBriefly}; a quarter interval, {@link
 *       PeerClients#replicaPresumedDead}, when the heartbeats already declare it dead) nor refuses
 *       is silent (frozen, cut off, slow): it may be the old primary, still holding its lease
 *       ({@link Membership#holdsLease()}). When the silent peers are a majority, they could be a
 *       primary and the majority granting its lease: no takeover now. Otherwise it waits until
 *       every lease that it or a peer that answered may have granted has run out: each step-down
 *       answer says how long ago that peer last renewed a lease ({@link
 *       StepDownAnswer#leaseGrantedMsAgo()}), and a silent primary needs one of them for its
 *       majority, so it has stopped acknowledging by then. A primary silent since before it was
 *       declared dead (more than a lease) costs no wait;
 *   <li>it drains its own update subscription, then catches up from the most advanced live peer, so
 *       it holds every write the old primary acknowledged;
 *   <li>it persists the new epoch, becomes primary, and sends COORDINATOR to every live peer.
 * </ol>
 *
 * A primary that hears a live peer in a newer epoch than its own (the peer persisted it, say, in a
 * takeover while the cluster was being stopped) takes over again, in an epoch above that one:
 * otherwise the peer would refuse its writes forever. A replica that comes back with a higher id
 * than the primary's therefore takes over again, once it has caught up: the rule stays "highest
 * live id", at the cost of one more short failover. While no primary is known, writes are refused
 * with 503 {@code urn:bookstore:no-primary} and the front end retries them.
 */
@ApplicationScoped
public class BullyElection {
  private static final Logger LOG = Logger.getLogger(BullyElection.class.getName());

  /** Epochs per election round: one slot per replica id (1..9). */
  static final long EPOCH_SLOTS = 10;

  private final AtomicLong electionsStarted = new AtomicLong();
  private final AtomicLong electionsWon = new AtomicLong();
  private volatile long lastLeaseWaitMs;

  @Inject ReplicaIdentity identity;
  @Inject Membership membership;
  @Inject PeerClients peers;
  @Inject ReplicaApplier applier;
  @Inject ReplicationLog log;
  @Inject Outbox outbox;

  @Inject
  @ConfigProperty(name = "bookstore.election.drain-quiet-ms")
  long drainQuietMs;

  /** How many writes behind a live lower primary a returning replica may be and take over. */
  @Inject
  @ConfigProperty(name = "bookstore.election.takeover-lag")
  long takeoverLag;

  /** Takes in the epoch persisted before a restart; a replica alone is its own primary. */
  public void restore() {
    long persisted = applier.persistedEpoch();
    membership.restored(persisted);
    if (identity.alone()) {
      outbox.resume(List.of());
      membership.follow(identity.replicaId(), persisted);
    }
  }

  /** One election step, after each round of heartbeats. */
  public void act() {
    if (identity.alone()) {
      return;
    }
    int primary = membership.primaryId();
    if (primary != 0 && !membership.alive(primary)) {
      LOG.info("primary " + primary + " missed its heartbeats");
      membership.primaryLost();
      primary = 0;
    }
    List<Integer> alive = membership.aliveIds();
    int highest = alive.get(alive.size() - 1);
    if (highest != identity.replicaId()) {
      return;
    }
    if (primary == identity.replicaId()) {
      List<Heartbeat> peersHeard =
          alive.stream()
              .filter(id -> id != identity.replicaId())
              .map(membership::lastHeard)
              .flatMap(Optional::stream)
              .toList();
      long newer = newerEpoch(membership.epoch(), peersHeard);
      if (newer == 0) {
        return;
      }
      // a peer persisted a newer epoch this primary never heard of (say it took over while the
      // cluster was being stopped, and this replica came back first): it refuses this epoch's
      // writes and will never follow, so start an epoch above it
      LOG.info(
          "primary "
              + identity.replicaId()
              + " in epoch "
              + membership.epoch()
              + " hears a peer in epoch "
              + newer
              + ": starts a newer one");
    }
    if (primary != 0 && primary != identity.replicaId()) {
      // a live primary with a lower id: take over only once caught up with it, so that the
      // handover itself has little left to copy and writes pause only briefly
      long behind =
          membership.lastHeard(primary).map(Heartbeat::lastSequence).orElse(0L)
              - applier.persistedSequence();
      if (behind > takeoverLag) {
        return;
      }
    }
    takeOver();
  }

  /**
   * @return elections this replica started (takeovers tried) since its start, for the metrics
   */
  public long electionsStarted() {
    return electionsStarted.get();
  }

  /**
   * @return elections this replica won (it became primary) since its start, for the metrics
   */
  public long electionsWon() {
    return electionsWon.get();
  }

  private synchronized void takeOver() {
    electionsStarted.incrementAndGet();
    long started = System.nanoTime();
    long newEpoch = nextEpoch(membership.highestKnownEpoch(), identity.replicaId());
    LOG.info("replica " + identity.replicaId() + " takes over as primary in epoch " + newEpoch);
    int oldPrimary = membership.primaryId();
    membership.primaryLost();

    // every peer, not only those that answered heartbeats: a primary that is slow but alive
    // (missed heartbeats under load) must be fenced before this replica writes, or both would
    // acknowledge writes; a dead one refuses the connection at once
    List<Heartbeat> finals = new ArrayList<>();
    int silent = 0;
    boolean refused = false;
    // the latest end of a lease that this replica (which follows no primary since primaryLost())
    // or a peer that answered its step-down may have granted: no renewal follows either
    long leaseEnd = leaseEnd(membership.leaseGrantedMsAgo(), System.nanoTime());
    for (int id = 1; id <= identity.peers().size(); id++) {
      if (id != identity.replicaId()) {
        StepDown answer = stepDown(id, newEpoch, membership.alive(id));
        if (answer.heartbeat() != null) {
          finals.add(answer.heartbeat());
          leaseEnd = Math.max(leaseEnd, answer.leaseEnd());
        } else if (answer.refused()) {
          refused = true;
        } else {
          silent++;
        }
      }
    }
    if (silent * 2 > identity.peers().size()) {
      // the silent peers could be a primary and the majority that still grants it its lease:
      // this replica cannot tell when that lease ends, so it starts no epoch now
      LOG.info(
          "replica "
              + identity.replicaId()
              + " does not take over: "
              + silent
              + " of "
              + identity.peers().size()
              + " replicas did not answer its step-down");
      return;
    }
    if (silent > 0) {
      // a peer that refused may have renewed a silent primary's lease just before it died, when
      // is not known: until one lease from now, then
      awaitLeaseEnd(refused ? System.nanoTime() + membership.leaseMs() * 1_000_000L : leaseEnd);
    } else {
      lastLeaseWaitMs = 0;
    }
    long newer =
        finals.stream().mapToLong(Heartbeat::epoch).filter(e -> e > newEpoch).max().orElse(0);
    if (newer > 0) {
      // a peer already follows a newer epoch this replica had not heard of: it refused to step
      // down, and starting this one would make a second primary whose writes nobody applies
      LOG.info(
          "replica "
              + identity.replicaId()
              + " gives up epoch "
              + newEpoch
              + ": a peer is in epoch "
              + newer);
      membership.restored(newer);
      return;
    }
    // this replica keeps the old epoch until it has every write of it. An old primary that
    // answered the step-down told its final sequence, and the catch-up below reaches it; one
    // that did not (it died) may have published writes no live replica has applied yet: they
    // wait in this replica's subscription, so drain it first
    boolean oldPrimaryKnown =
        oldPrimary == identity.replicaId() // nobody else published: nothing to wait for
            || oldPrimary != 0 && finals.stream().anyMatch(h -> h.replicaId() == oldPrimary);
    if (!oldPrimaryKnown) {
      drainSubscription();
    }
    Optional<Heartbeat> ahead = mostAdvanced(finals);
    if (ahead.isPresent() && !isAheadOf(applier.position(), ahead.get())) {
      // the peer's history is at least as new as this replica's: take what it has beyond, and
      // drop a tail of an older epoch that it never had (an old primary's unpublished writes)
      applier.catchUpFrom(peers.replica(ahead.get().replicaId()));
    }
    if (membership.epoch() >= newEpoch) {
      LOG.info(
          "epoch "
              + membership.epoch()
              + " was started by another replica; not starting "
              + newEpoch);
      return;
    }
    applier.adoptEpoch(newEpoch);
    // writes this replica holds beyond every peer that answered may never have reached the
    // broker (it was primary, and crashed before its outbox sent them): send them again, so that
    // front ends drop their cache entries; backups fill the gap from this replica's log anyway
    long peersHold = finals.stream().mapToLong(Heartbeat::lastSequence).max().orElse(0);
    outbox.resume(log.newestAfter(peersHold, Outbox.MAX_BATCH));
    membership.follow(identity.replicaId(), newEpoch);
    for (int id : membership.aliveIds()) {
      if (id != identity.replicaId()) {
        announce(id, newEpoch);
      }
    }
    electionsWon.incrementAndGet();
    LOG.info(
        "replica "
            + identity.replicaId()
            + " is primary in epoch "
            + newEpoch
            + " at sequence "
            + applier.persistedSequence()
            + " after "
            + (System.nanoTime() - started) / 1_000_000
            + " ms");
  }

  /**
   * The epoch a replica starts when it takes over: the next election round above every epoch it
   * knows, in that replica's own slot ({@code round * 10 + replicaId}; replica ids are 1..9). Two
   * replicas that take over at once, each believing the other dead, thus never start the same
   * epoch: their writes carry different stamps, the probe of every catch-up tells their histories
   * apart, and the higher epoch fences the lower (the same reason Paxos ballots and Raft's one vote
   * per term make a leader's term unique).
   *
   * @param highestKnown the highest epoch this replica has heard of
   * @param replicaId this replica's id, 1..9
   * @return the new epoch, above {@code highestKnown}, equal to {@code replicaId} modulo 10
   */
  static long nextEpoch(long highestKnown, int replicaId) {
    return (highestKnown / EPOCH_SLOTS + 1) * EPOCH_SLOTS + replicaId;
  }

  /**
   * Whether a primary is fenced out by a peer: a peer that holds a newer epoch than the primary's
   * refuses its writes and will not follow it (SPEC "Replication": a replica rejects writes from an
   * older epoch).
   *
   * @param primaryEpoch the primary's epoch
   * @param peers the heartbeats last heard from live peers
   * @return the highest peer epoch above {@code primaryEpoch}, or 0 when there is none
   */
  static long newerEpoch(long primaryEpoch, List<Heartbeat> peers) {
    return peers.stream().mapToLong(Heartbeat::epoch).filter(e -> e > primaryEpoch).max().orElse(0);
  }

  /**
   * The peer with the most up-to-date history: the highest epoch of its last write, then the
   * highest sequence number (the rule Raft uses to compare logs). A higher last epoch wins over a
   * longer history of an older epoch: that longer history holds writes its primary never got
   * acknowledged (they were not published), and the newer epoch's primary started without them.
   *
   * @param heard heartbeats of peers
   * @return the most up-to-date one, if any
   */
  static Optional<Heartbeat> mostAdvanced(List<Heartbeat> heard) {
    return heard.stream()
        .max(
            Comparator.comparingLong(Heartbeat::lastEpoch)
                .thenComparingLong(Heartbeat::lastSequence));
  }

  /**
   * @param mine this replica's position
   * @param peer a peer's heartbeat
   * @return whether this replica's history is strictly newer than the peer's (by last epoch, then
   *     sequence number): then there is nothing to take from it
   */
  static boolean isAheadOf(ReplicaState mine, Heartbeat peer) {
    return peer.lastEpoch() < mine.getLastEpoch()
        || peer.lastEpoch() == mine.getLastEpoch() && peer.lastSequence() < mine.getLastSequence();
  }

  /**
   * A peer's answer to a step-down: its final heartbeat, or none; when none, whether it was refused
   * (the connection, so its process is gone; or the request, by a node whose application is not
   * deployed: either way it holds and grants no lease) or it was silent (frozen, cut off or slow:
   * it may still be a primary, or grant one its lease, until the lease runs out).
   */
  private record StepDown(Heartbeat heartbeat, boolean refused, long leaseEnd) {}

  /**
   * @param id the peer
   * @param epoch the epoch this replica is about to start
   * @param alive whether its heartbeats count the peer alive: it gets one lease to answer; a peer
   *     they declare dead gets a quarter interval ({@link PeerClients#replicaPresumedDead})
   */
  private StepDown stepDown(int id, long epoch, boolean alive) {
    long asked = System.nanoTime();
    try {
      StepDownAnswer answer =
          (alive ? peers.replicaBriefly(id) : peers.replicaPresumedDead(id)).stepDown(epoch);
      membership.heard(answer.heartbeat(), asked);
      return new StepDown(
          answer.heartbeat(), false, leaseEnd(answer.leaseGrantedMsAgo(), System.nanoTime()));
    } catch (ProblemException e) {
      // answered without the application (still deploying, or shutting down): it serves nothing,
      // so it is no primary and grants no lease, like a refused connection. Any other refusal
      // comes from a running replica that did not step down: silent, as far as leases go
      LOG.log(Level.FINE, "replica " + id + " refused step-down", e);
      return new StepDown(null, ProblemTypes.NOT_SERVING.equals(e.problem().type()), 0);
    } catch (RuntimeException unreachable) {
      LOG.log(Level.FINE, "replica " + id + " did not answer step-down", unreachable);
      return new StepDown(null, ConnectionRefused.in(unreachable), 0);
    }
  }

  /**
   * @param grantedMsAgo how long before {@code atNanos} a replica last renewed another's lease (ms,
   *     rounded down), or {@link StepDownAnswer#NEVER}
   * @param atNanos when it said so, or later ({@link System#nanoTime()}): the renewal was at least
   *     {@code grantedMsAgo} before it
   * @return when that renewal's lease ends at the latest ({@link System#nanoTime()}); {@code
   *     atNanos} when it never renewed one (nothing of its still runs)
   */
  private long leaseEnd(long grantedMsAgo, long atNanos) {
    return grantedMsAgo == StepDownAnswer.NEVER
        ? atNanos
        : atNanos + (membership.leaseMs() - grantedMsAgo) * 1_000_000L;
  }

  /**
   * @return how long the last takeover waited for a silent replica's lease (ms): 0 when no lease
   *     could still run
   */
  long lastLeaseWaitMs() {
    return lastLeaseWaitMs;
  }

  /**
   * Waits until a silent old primary's lease has run out for certain: until the latest end of a
   * lease that this replica or a peer that answered the step-down granted it (one lease after the
   * last renewal each reported; the silent primary needs one of them for its majority). A timed
   * wait for a bound, not a poll for a condition: nothing tells this replica that a frozen or
   * cut-off primary has stopped. A primary silent for longer than a lease (the usual case: its
   * peers declare it dead after {@code bookstore.heartbeat.misses} intervals, more than a lease)
   * costs no wait at all.
   *
   * @param end when the last lease that could still run ends ({@link System#nanoTime()})
   */
  private void awaitLeaseEnd(long end) {
    lastLeaseWaitMs = Math.max(0, (end - System.nanoTime()) / 1_000_000);
    LOG.info(
        "replica "
            + identity.replicaId()
            + " waits out the lease of a silent replica: "
            + lastLeaseWaitMs
            + " ms");
    for (long left = end - System.nanoTime(); left > 0; left = end - System.nanoTime()) {
      LockSupport.parkNanos(left);
    }
  }

  private void announce(int id, long epoch) {
    long asked = System.nanoTime();
    try {
      membership.heard(
          peers
              .replicaBriefly(id)
              .coordinator(new ReplicaApi.Coordinator(identity.replicaId(), epoch)),
          asked);
    } catch (RuntimeException unreachable) {
      LOG.log(
          Level.FINE,
          "replica " + id + " missed the coordinator message; it learns by heartbeat",
          unreachable);
    }
  }

  /**
   * Waits, at most ten quiet periods, until the update topic has delivered no new write for one
   * (redeliveries of writes already applied do not count).
   */
  private void drainSubscription() {
    long deadline = System.nanoTime() + 10 * drainQuietMs * 1_000_000;
    while (membership.msSinceDelivery() < drainQuietMs && System.nanoTime() < deadline) {
      LockSupport.parkNanos(20_000_000);
    }
  }
}
