package bookstore.replication.rest;

import bookstore.api.ProblemException;
import bookstore.api.ReplicaStatus;
import bookstore.platform.clients.ReplicaApi;
import bookstore.replication.ReplicaIdentity;
import bookstore.replication.ReplicaState;
import bookstore.replication.ReplicatedState;
import bookstore.replication.ReplicationLog;
import bookstore.replication.WriteSequencer;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * {@code /replica} ({@link ReplicaApi}): this replica's status, its write log and a snapshot of
 * its state. Two replicas of a service that report the same sequence and digest hold the same
 * state (SPEC guarantee 4).
 */
@RequestScoped
public class ReplicaResource implements ReplicaApi {
  /** Most log entries one request returns (items). */
  static final int MAX_LOG_BATCH = 1000;

  @Inject ReplicaIdentity identity;
  @Inject WriteSequencer sequencer;
  @Inject ReplicatedState state;
  @Inject ReplicationLog log;

  @Override
  @Transactional
  public ReplicaStatus status() {
    ReplicaState position = sequencer.current();
    return new ReplicaStatus(
        identity.service(),
        identity.replicaId(),
        identity.role(),
        position.getEpoch(),
        position.getLastSequence(),
        state.digest());
  }

  @Override
  public List<String> log(long after, int limit) {
    long first = log.first();
    long last = sequencer.current().getLastSequence();
    if (after < last && (first == 0 || first > after + 1)) {
      throw new ProblemException(410, "Gone", "the log starts at " + first + "; take a snapshot");
    }
    return log.after(after, Math.max(1, Math.min(limit <= 0 ? MAX_LOG_BATCH : limit, MAX_LOG_BATCH)));
  }

  @Override
  @Transactional
  public Snapshot snapshot() {
    ReplicaState position = sequencer.lock(); // no write may land between state and sequence
    return new Snapshot(position.getEpoch(), position.getLastSequence(), state.snapshot());
  }
}
