package bookstore.replication;

import bookstore.api.ProblemException;
import bookstore.api.ReplicaStatus;
import bookstore.api.WriteStamp;
import bookstore.platform.clients.ReplicaApi;
import bookstore.platform.clients.ReplicaApi.Snapshot;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Logger;

/**
 * Applies replicated writes on a backup, each exactly once and in sequence order (SPEC
 * "Replication"). Every method locks the replica's state row first, so deliveries from the
 * topic and catch-up from the primary never interleave.
 *
 * <ul>
 *   <li>A write from an older epoch than this replica's is refused (fencing a stale primary).
 *   <li>A write at or below the last applied sequence is a redelivery and changes nothing.
 *   <li>A write beyond the next sequence reveals a gap: the missing writes are fetched from the
 *       primary's log, or its snapshot when the log does not reach back or this replica has no
 *       state yet, before the write is applied.
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
  @Inject PrimaryClient primary;

  /**
   * Applies one write delivered by the update topic, in the delivery's transaction.
   *
   * @param json the update as published
   */
  public void applyDelivered(String json) {
    WriteStamp stamp = state.stampOf(json);
    ReplicaState here = sequencer.lock();
    if (stamp.epoch() < here.getEpoch()) {
      LOG.warning("refused write " + stamp + ": older than epoch " + here.getEpoch());
      return;
    }
    if (stamp.sequence() <= here.getLastSequence()) {
      return; // a redelivery, or the primary's own write
    }
    if (stamp.sequence() > here.getLastSequence() + 1) {
      if (!catchUp(here)) {
        return; // the catch-up timer fills the gap once the primary answers
      }
      if (stamp.sequence() <= here.getLastSequence()) {
        return;
      }
    }
    apply(here, stamp, json);
  }

  /**
   * Brings this replica up to the primary's last sequence, if it is behind.
   *
   * @return the sequence number this replica is at afterwards
   */
  public long catchUpWithPrimary() {
    ReplicaState here = sequencer.lock();
    catchUp(here);
    return here.getLastSequence();
  }

  private boolean catchUp(ReplicaState here) {
    ReplicaApi api = primary.api().orElse(null);
    if (api == null) {
      return false;
    }
    try {
      ReplicaStatus status = api.status();
      if (here.getLastSequence() == 0 && status.lastSequence() > 0) {
        install(here, api.snapshot());
      }
      while (here.getLastSequence() < status.lastSequence()) {
        List<String> writes;
        try {
          writes = api.log(here.getLastSequence(), CATCH_UP_BATCH);
        } catch (ProblemException gone) {
          if (gone.problem().status() != 410) {
            throw gone;
          }
          install(here, api.snapshot());
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
      LOG.fine("catch-up postponed, the primary did not answer: " + unreachable);
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
    here.appliedUpTo(new WriteStamp(0, snapshot.epoch(), snapshot.sequence()));
    LOG.info("installed the primary's snapshot at sequence " + snapshot.sequence());
  }
}
