package bookstore.replication.rest;

import bookstore.platform.clients.ReplicaApi;
import bookstore.replication.LocalHeartbeat;
import bookstore.replication.Membership;
import bookstore.replication.ReplicaApplier;
import bookstore.replication.ReplicaIdentity;
import bookstore.replication.ReplicatedState;
import bookstore.replication.ReplicationLog;
import bookstore.replication.WriteSequencer;

/**
 * Builds the real {@link ReplicaResource} over in-memory beans, so that a test's fake peer serves
 * {@code /replica} with the production rules (above all the 410 Gone answers of {@code log})
 * instead of a copy of them. Its fields are package-private in this package, hence this helper
 * lives here.
 */
public final class ReplicaResources {
  private ReplicaResources() {}

  /**
   * @return a resource answering with the given beans, as CDI would inject them
   */
  public static ReplicaApi wire(
      ReplicaIdentity identity,
      Membership membership,
      WriteSequencer sequencer,
      ReplicatedState state,
      ReplicationLog log,
      ReplicaApplier applier) {
    ReplicaResource resource = new ReplicaResource();
    resource.identity = identity;
    resource.membership = membership;
    resource.sequencer = sequencer;
    resource.state = state;
    resource.log = log;
    resource.applier = applier;
    resource.heartbeat = new LocalHeartbeat(identity, membership, sequencer);
    return resource;
  }
}
