package bookstore.replication.rest;

import bookstore.api.ProblemException;
import bookstore.api.internal.Heartbeat;
import bookstore.api.internal.ReplicaStatus;
import bookstore.api.internal.StepDownAnswer;
import bookstore.platform.clients.ReplicaApi;
import bookstore.replication.LocalHeartbeat;
import bookstore.replication.Membership;
import bookstore.replication.ReplicaApplier;
import bookstore.replication.ReplicaIdentity;
import bookstore.replication.ReplicaState;
import bookstore.replication.ReplicatedState;
import bookstore.replication.ReplicationLog;
import bookstore.replication.WriteSequencer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/**
 * {@code /replica} ({@link ReplicaApi}): this replica's status, heartbeat, the election's messages,
 * its write log and a snapshot of its state. Two replicas of a service that report the same
 * sequence and digest hold the same state (SPEC guarantee 4).
 */
@ApplicationScoped
public class ReplicaResource implements ReplicaApi {
  /**
   * How far above the highest epoch a replica knows an announced epoch may be: an election moves
   * the epoch by one round of ten ({@code BullyElection.nextEpoch}), so this allows 100,000
   * elections it missed, and keeps a wild epoch (near {@code Long.MAX_VALUE}, which the next
   * election would overflow) out for good.
   */
  static final long MAX_EPOCH_LEAP = 1_000_000;

  /** Most log entries one request returns (items). */
  static final int MAX_LOG_BATCH = 1000;

  @Inject ReplicaIdentity identity;
  @Inject Membership membership;
  @Inject WriteSequencer sequencer;
  @Inject ReplicatedState state;
  @Inject ReplicationLog log;
  @Inject ReplicaApplier applier;
  @Inject LocalHeartbeat heartbeat;

  @Override
  @Transactional
  public ReplicaStatus status() {
    ReplicaState position = sequencer.current();
    return new ReplicaStatus(
        identity.service(),
        identity.replicaId(),
        membership.isPrimary() ? "PRIMARY" : "BACKUP",
        position.getEpoch(),
        position.getLastSequence(),
        state.digest());
  }

  /**
   * The heartbeat, as the election's answers carry it. {@code GET /replica/heartbeat} itself is
   * served by {@link HeartbeatServlet}, without JAX-RS. The caller is not known here: an answer
   * that names a primary counts as renewing its lease ({@link LocalHeartbeat#answer}).
   */
  @Override
  public Heartbeat heartbeat() {
    return heartbeat.answer(null);
  }

  @Override
  public Heartbeat coordinator(Coordinator coordinator) {
    if (coordinator.replicaId() < 1 || coordinator.replicaId() > identity.peers().size()) {
      throw ProblemException.badRequest(
          "no replica "
              + coordinator.replicaId()
              + " in this service (1.."
              + identity.peers().size()
              + ")");
    }
    checkPlausible(coordinator.epoch(), membership.highestKnownEpoch());
    membership.follow(coordinator.replicaId(), coordinator.epoch());
    return heartbeat();
  }

  @Override
  public StepDownAnswer stepDown(long epoch) {
    checkPlausible(epoch, membership.highestKnownEpoch());
    membership.stepDown(epoch);
    applier.adoptEpoch(epoch); // waits for a write in flight: the answer's sequence is final
    Heartbeat after = heartbeat();
    // read after the heartbeat: a step-down that did not apply (a newer epoch is known) still
    // names a primary, and its answer just now counts as a renewal
    return new StepDownAnswer(after, membership.leaseGrantedMsAgo());
  }

  @Override
  public List<String> log(long after, long epochAt, int limit) {
    ReplicaState position = sequencer.current();
    if (after > position.getLastSequence()) {
      throw gone(
          "this replica holds writes up to "
              + position.getLastSequence()
              + " only: the caller's "
              + "history goes beyond it");
    }
    if (after == position.getLastSequence()) {
      if (after > 0 && position.getLastEpoch() != epochAt) {
        throw gone(
            "the write at "
                + after
                + " is of epoch "
                + position.getLastEpoch()
                + ", not "
                + epochAt);
      }
      return List.of();
    }
    if (after > 0) {
      Optional<Long> epochThere = log.epochAt(after);
      if (epochThere.isEmpty()) {
        throw gone("the log starts after " + after);
      }
      if (epochThere.get() != epochAt) {
        throw gone(
            "the write at " + after + " is of epoch " + epochThere.get() + ", not " + epochAt);
      }
    } else if (log.first() != 1) {
      throw gone("the log does not start at 1");
    }
    return log.after(
        after, Math.max(1, Math.min(limit <= 0 ? MAX_LOG_BATCH : limit, MAX_LOG_BATCH)));
  }

  @Override
  @Transactional
  public Snapshot snapshot() {
    ReplicaState position = sequencer.lock(); // no write may land between state and sequence
    return new Snapshot(position.getLastEpoch(), position.getLastSequence(), state.snapshot());
  }

  private static ProblemException gone(String why) {
    return new ProblemException(410, "Gone", why + "; take a snapshot");
  }

  /**
   * @param epoch an epoch a peer announces (coordinator, step-down)
   * @param highestKnown the highest epoch this replica knows
   * @throws ProblemException 400 for an epoch below 1 or more than {@link #MAX_EPOCH_LEAP} above
   *     {@code highestKnown}; nothing changes then
   */
  static void checkPlausible(long epoch, long highestKnown) {
    if (epoch < 1 || epoch - highestKnown > MAX_EPOCH_LEAP) {
      throw ProblemException.badRequest(
          "epoch "
              + epoch
              + " is not plausible: this replica knows epoch "
              + highestKnown
              + ", and an election moves it by 10");
    }
  }
}
