package bookstore.replication.rest;

import bookstore.api.ReplicaStatus;
import bookstore.replication.ReplicaIdentity;
import bookstore.replication.ReplicaState;
import bookstore.replication.StateView;
import bookstore.replication.WriteSequencer;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /replica}: this replica's id, role, epoch, last applied sequence number and state
 * digest. Two replicas of a service that report the same sequence and digest hold the same
 * state (SPEC guarantee 4).
 */
@Path("/replica")
@Produces(MediaType.APPLICATION_JSON)
public class ReplicaResource {
  @Inject ReplicaIdentity identity;
  @Inject WriteSequencer sequencer;
  @Inject StateView state;

  /** @return this replica's status */
  @GET
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
}
