package bookstore.replication;

import bookstore.api.internal.Heartbeat;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What this replica knows of its service's replicas right now: which peers answered a heartbeat
 * recently (alive: within {@code bookstore.heartbeat.misses} intervals, default 3 of 1,000 ms),
 * which replica is primary and in which epoch, and when the update topic last delivered. Kept in
 * memory; the epoch is also persisted in {@link ReplicaState}.
 */
@ApplicationScoped
public class Membership {
  @Inject ReplicaIdentity identity;

  @Inject
  @ConfigProperty(name = "bookstore.heartbeat.interval-ms")
  long intervalMs;

  @Inject
  @ConfigProperty(name = "bookstore.heartbeat.misses")
  int misses;

  private final Map<Integer, Seen> seen = new ConcurrentHashMap<>();
  private volatile int primaryId;
  private volatile long epoch;
  private volatile long lastDeliveryNanos = System.nanoTime();

  /**
   * When this replica last renewed another replica's lease ({@link #answerTo}); guarded by this.
   */
  private long lastGrantNanos;

  /** Whether it ever did; guarded by this. */
  private boolean granted;

  /**
   * @param heartbeat a peer's last answer
   * @param atNanos when it arrived ({@link System#nanoTime()}): what liveness counts from
   * @param askedNanos when it was asked for: what the lease counts from (an answer that arrives
   *     late, say to a process that was frozen, tells only that the peer followed this replica when
   *     it answered, some time after the question)
   */
  private record Seen(Heartbeat heartbeat, long atNanos, long askedNanos) {}

  /**
   * @param heartbeat a peer's answer, received now to a question asked now (the election's calls,
   *     tests)
   */
  public void heard(Heartbeat heartbeat) {
    heard(heartbeat, System.nanoTime());
  }

  /**
   * @param heartbeat a peer's answer, received now
   * @param askedNanos when the question was sent ({@link System#nanoTime()}); the lease counts from
   *     there
   */
  public void heard(Heartbeat heartbeat, long askedNanos) {
    seen.put(heartbeat.replicaId(), new Seen(heartbeat, System.nanoTime(), askedNanos));
    if (heartbeat.primary()
        && heartbeat.epoch() >= epoch
        && heartbeat.replicaId() != identity.replicaId()) {
      follow(heartbeat.replicaId(), heartbeat.epoch());
    }
  }

  /**
   * @param id a peer whose port refused a heartbeat's connection: it is dead from now on
   */
  public void refused(int id) {
    seen.remove(id);
  }

  /**
   * @param id a peer's id
   * @return whether it answered a heartbeat within the allowed misses
   */
  public boolean alive(int id) {
    return heardWithin(id, misses);
  }

  /**
   * @param id a replica's id
   * @param intervals how many heartbeat intervals back
   * @return whether it is this replica, or answered a heartbeat within that many intervals
   */
  private boolean heardWithin(int id, int intervals) {
    if (id == identity.replicaId()) {
      return true;
    }
    Seen s = seen.get(id);
    return s != null && System.nanoTime() - s.atNanos() < intervals * intervalMs * 1_000_000L;
  }

  /**
   * @return the ids of the live replicas, this one included, ascending
   */
  public List<Integer> aliveIds() {
    List<Integer> ids = new ArrayList<>();
    for (int id = 1; id <= Math.max(identity.peers().size(), identity.replicaId()); id++) {
      if (alive(id)) {
        ids.add(id);
      }
    }
    return ids;
  }

  /**
   * Whether this replica, as primary, may still acknowledge writes: a majority of its service
   * (itself included) followed it, in its epoch, when answering a heartbeat asked within the lease,
   * {@link #leaseMs()} (default 2,000 ms). A peer grants the lease only while it follows this
   * replica: one that declared it dead, stepped down for a new primary or knows a newer epoch does
   * not. A replica that takes over while the old primary is silent waits out one lease after every
   * peer has stepped down ({@link BullyElection}), so a primary cut off from the others, or frozen,
   * stops acknowledging before a new one writes: no write it acknowledges is lost to the new
   * epoch's fencing. Counting from when the heartbeat was asked, not answered, keeps that true for
   * an answer that arrives late.
   *
   * @return true when alone, or when a majority followed this replica within the lease
   */
  public boolean holdsLease() {
    int replicas = identity.peers().size();
    if (identity.alone() || replicas <= 1) {
      return true;
    }
    long now = System.nanoTime();
    long leaseNanos = leaseMs() * 1_000_000L;
    int granted = 0;
    for (int id = 1; id <= replicas; id++) {
      if (id == identity.replicaId()) {
        granted++;
        continue;
      }
      Seen s = seen.get(id);
      if (s != null
          && now - s.askedNanos() < leaseNanos
          && s.heartbeat().primaryId() == identity.replicaId()
          && s.heartbeat().epoch() == epoch) {
        granted++;
      }
    }
    return granted * 2 > replicas;
  }

  /**
   * @return whether this replica is the primary and holds its lease: it may make and acknowledge
   *     writes now, and no other replica can be recording writes of a newer epoch
   */
  public boolean actsAsPrimary() {
    return isPrimary() && holdsLease();
  }

  /**
   * @return the lease, ms: {@code misses - 1} heartbeat intervals (at least one), shorter than the
   *     {@code misses} intervals after which peers declare a silent primary dead
   */
  public long leaseMs() {
    return Math.max(1, misses - 1) * intervalMs;
  }

  /**
   * @param id a peer's id
   * @return its last heartbeat, if it is alive
   */
  public Optional<Heartbeat> lastHeard(int id) {
    Seen s = seen.get(id);
    return s != null && alive(id) ? Optional.of(s.heartbeat()) : Optional.empty();
  }

  /**
   * Takes {@code id} as primary from {@code newEpoch} on, unless a newer epoch is known.
   *
   * @param id the primary's id
   * @param newEpoch its epoch
   */
  public synchronized void follow(int id, long newEpoch) {
    if (newEpoch >= epoch) {
      epoch = newEpoch;
      primaryId = id;
    }
  }

  /**
   * @param newEpoch an epoch some replica is about to start: no primary is known until it does
   */
  public synchronized void stepDown(long newEpoch) {
    if (newEpoch > epoch) {
      epoch = newEpoch;
      primaryId = 0;
    }
  }

  /**
   * The primary a heartbeat answered now names, noting a lease renewal: an answer that names
   * another replica as primary, given to that replica, counts toward its lease ({@link
   * #holdsLease()} on its side). Atomic with {@link #stepDown}: once a step-down has returned, no
   * answer names the old primary, so {@link #leaseGrantedMsAgo()} read after it is final.
   *
   * @param asker the asking replica's id ({@code ?from=} of {@code GET /replica/heartbeat}); 0 for
   *     a caller that is no replica; null when not known: then the answer counts as a renewal, to
   *     be safe (the election's calls, {@code GET /replica/heartbeat} without {@code from})
   * @return the primary's id to put in the answer, 0 while none is known
   */
  public synchronized int answerTo(Integer asker) {
    int primary = primaryId;
    if (primary != 0 && primary != identity.replicaId() && (asker == null || asker == primary)) {
      lastGrantNanos = System.nanoTime();
      granted = true;
    }
    return primary;
  }

  /**
   * @return how long ago (ms, rounded down) this replica last renewed another replica's lease, or
   *     {@link bookstore.api.internal.StepDownAnswer#NEVER}: a lease it granted ends at most {@link
   *     #leaseMs()} after that
   */
  public synchronized long leaseGrantedMsAgo() {
    return granted
        ? (System.nanoTime() - lastGrantNanos) / 1_000_000
        : bookstore.api.internal.StepDownAnswer.NEVER;
  }

  /** Forgets the primary (it stopped answering heartbeats). */
  public synchronized void primaryLost() {
    primaryId = 0;
  }

  /**
   * @param atLeast the persisted epoch at start: the epoch known is never below it
   */
  public synchronized void restored(long atLeast) {
    epoch = Math.max(epoch, atLeast);
  }

  /**
   * @return the primary's id, or 0 while none is known
   */
  public int primaryId() {
    return primaryId;
  }

  /**
   * @return the highest epoch known
   */
  public long epoch() {
    return epoch;
  }

  /**
   * @return the highest epoch this replica knows: its own, or one a live peer's last heartbeat
   *     carried (the base of the next election's epoch, and the bound of a plausible one)
   */
  public long highestKnownEpoch() {
    long highest = epoch;
    for (int id : aliveIds()) {
      highest = Math.max(highest, lastHeard(id).map(Heartbeat::epoch).orElse(0L));
    }
    return highest;
  }

  /**
   * @return whether this replica is the primary now
   */
  public boolean isPrimary() {
    return primaryId == identity.replicaId();
  }

  /** Notes that the update topic delivered a write just now. */
  public void delivered() {
    lastDeliveryNanos = System.nanoTime();
  }

  /**
   * @return milliseconds since the update topic last delivered a write
   */
  public long msSinceDelivery() {
    return (System.nanoTime() - lastDeliveryNanos) / 1_000_000;
  }

  /**
   * @return the heartbeat interval, ms
   */
  public long intervalMs() {
    return intervalMs;
  }
}
