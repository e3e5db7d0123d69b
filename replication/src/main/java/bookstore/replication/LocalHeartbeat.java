package bookstore.replication;

import bookstore.api.internal.Heartbeat;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * This replica's heartbeat as it answers it: its id, the primary it follows, the highest epoch it
 * knows and the last write it committed. From memory ({@link CommittedPosition} and {@link
 * Membership}): no database access, so heartbeats stay cheap under write load.
 */
@ApplicationScoped
public class LocalHeartbeat {
  private final ReplicaIdentity identity;
  private final Membership membership;
  private final WriteSequencer sequencer;

  /** For CDI's client proxy only. */
  protected LocalHeartbeat() {
    this(null, null, null);
  }

  /**
   * @param identity this replica's id
   * @param membership whom it follows, in which epoch
   * @param sequencer its committed position
   */
  @Inject
  public LocalHeartbeat(ReplicaIdentity identity, Membership membership, WriteSequencer sequencer) {
    this.identity = identity;
    this.membership = membership;
    this.sequencer = sequencer;
  }

  /**
   * The heartbeat this replica answers a caller now, noting a lease renewal when the caller is the
   * primary it names ({@link Membership#answerTo}).
   *
   * @param asker the asking replica's id, 0 for a front end, null when not known (counted as the
   *     primary, to be safe)
   * @return the heartbeat
   */
  public Heartbeat answer(Integer asker) {
    int primary = membership.answerTo(asker);
    ReplicaState position = sequencer.current();
    return new Heartbeat(
        identity.replicaId(),
        primary,
        Math.max(membership.epoch(), position.getEpoch()),
        position.getLastSequence(),
        position.getLastEpoch());
  }
}
