package bookstore.replication;

import bookstore.api.ProblemException;
import bookstore.api.internal.Heartbeat;
import bookstore.api.replication.WriteStamp;
import bookstore.platform.clients.ReplicaApi;
import bookstore.platform.clients.ReplicaApi.Snapshot;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Applies replicated writes, each exactly once and in sequence order (SPEC "Replication"), and
 * changes this replica's epoch. Every method locks the replica's state row first, so topic
 * deliveries, catch-up, epoch changes and the primary's own writes never interleave.
 *
 * <ul>
 *   <li>A write from the topic with an epoch older than the one this replica knows is refused
 *       (fencing a stale primary); if it was acknowledged, the new primary holds it and it arrives
 *       again by catch-up from its log.
 *   <li>A write at or below the last applied sequence is a redelivery and changes nothing.
 *   <li>A write beyond the next sequence reveals a gap: the missing writes are fetched from the
 *       primary's log, or its snapshot when the log does not reach back, this replica has no state
 *       yet, or its history diverged from the primary's.
 * </ul>
 */
@Stateless
public class ReplicaApplier {
  private static final Logger LOG = Logger.getLogger(ReplicaApplier.class.getName());

  /** Log entries fetched per catch-up request (items). */
  static final int CATCH_UP_BATCH = 500;

  @Inject WriteSequencer sequencer;
  @Inject ReplicationLog log;
  @Inject ReplicatedState state;
  @Inject PeerClients peers;
  @Inject Membership membership;

  /**
   * Applies writes delivered by the update topic, in order, in one transaction (one Derby commit
   * for the whole batch).
   *
   * @param batch the updates as published, in delivery order
   * @return how many were news: writes this replica had not applied (applied now, or waiting for a
   *     catch-up); redeliveries and writes of an older epoch are not
   */
  public int applyDelivered(List<String> batch) {
    List<WriteStamp> stamps = batch.stream().map(state::stampOf).toList();
    if (alreadyHeld(stamps)) {
      return 0; // a primary's own writes coming back, or redeliveries: no lock, no database
    }
    ReplicaState here = sequencer.lock();
    int news = 0;
    for (int i = 0; i < batch.size(); i++) {
      if (applyDelivered(here, stamps.get(i), batch.get(i))) {
        news++;
      }
    }
    return news;
  }

  /**
   * @param stamps the stamps of delivered updates
   * @return whether every one is a plain redelivery by the committed position (at or below its last
   *     sequence, of no newer epoch than its last write): nothing to apply, nothing to probe
   */
  private boolean alreadyHeld(List<WriteStamp> stamps) {
    ReplicaState committed = sequencer.current();
    return stamps.stream()
        .allMatch(
            s ->
                s.sequence() <= committed.getLastSequence()
                    && s.epoch() <= committed.getLastEpoch());
  }

  /**
   * Applies one write delivered by the update topic (a batch of one).
   *
   * @param json the update as published
   * @return whether it was news
   */
  public boolean applyDelivered(String json) {
    return applyDelivered(List.of(json)) > 0;
  }

  private boolean applyDelivered(ReplicaState here, WriteStamp stamp, String json) {
    long knownEpoch = Math.max(here.getEpoch(), membership.epoch());
    if (stamp.epoch() < knownEpoch) {
      LOG.info("refused write " + stamp + " from the topic: older than epoch " + knownEpoch);
      return false;
    }
    boolean newEpoch = stamp.epoch() > here.getLastEpoch() && here.getLastSequence() > 0;
    if (stamp.sequence() <= here.getLastSequence() && !(newEpoch && divergedAt(stamp))) {
      return false; // a redelivery, or the primary's own write
    }
    if (stamp.sequence() != here.getLastSequence() + 1 || newEpoch) {
      // a gap, the first write of a new epoch, or a write of a newer epoch at a sequence this
      // replica holds from another history: check this replica's history against the primary's
      // (it may hold writes of the old epoch the new primary never had) and fill in
      if (!catchUp(here, peers.primaryReplica().orElse(null))) {
        return true; // the catch-up timer fills the gap once a primary answers
      }
      if (stamp.sequence() != here.getLastSequence() + 1) {
        return true; // caught up past it, or the primary's log did not reach it: the timer goes on
      }
    }
    apply(here, stamp, json);
    return true;
  }

  /**
   * Brings this replica up to the primary's last sequence, if it is behind (the catch-up timer).
   *
   * @return the sequence number this replica is at afterwards
   */
  public long catchUpWithPrimary() {
    // ask before taking the state row's lock: a silent primary (frozen, cut off) would otherwise
    // hold it for a whole read timeout, and with it the step-down an election asks of this replica
    int primary = membership.primaryId();
    Optional<Heartbeat> theirs =
        primary == 0 || membership.isPrimary() ? Optional.empty() : peers.heartbeatBriefly(primary);
    if (theirs.isEmpty()) {
      return sequencer.current().getLastSequence();
    }
    ReplicaState here = sequencer.lock();
    catchUp(here, peers.primaryReplica().orElse(null), theirs.get());
    return here.getLastSequence();
  }

  /**
   * Brings this replica up to a given peer's last sequence (a replica taking over as primary, from
   * the most advanced live peer).
   *
   * @param peer the peer's replica API
   * @return whether the peer answered
   */
  public boolean catchUpFrom(ReplicaApi peer) {
    return catchUp(sequencer.lock(), peer);
  }

  /**
   * @param epoch an epoch to adopt, persisted: never lowers the one held
   */
  public void adoptEpoch(long epoch) {
    sequencer.lock().adopt(epoch);
  }

  /**
   * @return the epoch persisted in this replica's state row
   */
  public long persistedEpoch() {
    return sequencer.current().getEpoch();
  }

  /**
   * @return this replica's state row as persisted (read without a lock)
   */
  public ReplicaState position() {
    return sequencer.current();
  }

  /**
   * @return the last sequence number persisted in this replica's state row
   */
  public long persistedSequence() {
    return sequencer.current().getLastSequence();
  }

  /**
   * @param stamp a write's stamp at or below this replica's last sequence
   * @return whether this replica holds a write of another epoch at that sequence (its history
   *     diverged from the sender's: an old primary's tail that never reached the others)
   */
  private boolean divergedAt(WriteStamp stamp) {
    return log.epochAt(stamp.sequence()).map(epoch -> epoch != stamp.epoch()).orElse(false);
  }

  private boolean catchUp(ReplicaState here, ReplicaApi peer) {
    return catchUp(here, peer, null);
  }

  /**
   * @param known the peer's heartbeat if just asked, else null (asked here)
   */
  private boolean catchUp(ReplicaState here, ReplicaApi peer, Heartbeat known) {
    if (peer == null) {
      return false;
    }
    try {
      Heartbeat theirs = known != null ? known : peer.heartbeat();
      if (here.getLastSequence() == 0 && theirs.lastSequence() > 0) {
        install(here, peer.snapshot());
      }
      boolean probed = false; // the first request also checks that the histories agree
      while (!probed || here.getLastSequence() < theirs.lastSequence()) {
        probed = true;
        List<String> writes;
        try {
          writes = peer.log(here.getLastSequence(), here.getLastEpoch(), CATCH_UP_BATCH);
        } catch (ProblemException gone) {
          if (gone.problem().status() != 410) {
            throw gone;
          }
          install(here, peer.snapshot());
          continue;
        }
        if (writes.isEmpty()) {
          break;
        }
        for (String json : writes) {
          WriteStamp stamp = state.stampOf(json);
          if (stamp.sequence() == here.getLastSequence() + 1) {
            apply(here, stamp, json);
          }
        }
      }
      return true;
    } catch (RuntimeException unreachable) {
      LOG.fine("catch-up postponed, the peer did not answer: " + unreachable);
      return false;
    }
  }

  private void apply(ReplicaState here, WriteStamp stamp, String json) {
    state.apply(json);
    log.append(stamp, json);
    here.appliedUpTo(stamp);
  }

  private void install(ReplicaState here, Snapshot snapshot) {
    state.install(snapshot.state());
    log.clear();
    WriteStamp base = new WriteStamp(0, snapshot.epoch(), snapshot.sequence());
    if (base.sequence() > 0) {
      // an empty entry marks where the log now starts and in which epoch, so that a replica at
      // exactly this point can still be served the writes after it
      log.append(base, "");
    }
    here.appliedUpTo(base);
    LOG.info(
        "installed a snapshot at sequence " + snapshot.sequence() + ", epoch " + snapshot.epoch());
  }
}
