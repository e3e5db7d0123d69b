package bookstore.api.internal;

/**
 * What a replica answers to a heartbeat ({@code GET /replica/heartbeat}): cheap, no digest. Peers
 * and front ends learn from it who is alive, who is primary and in which epoch.
 *
 * @param replicaId the replica's id
 * @param primaryId the replica it takes for its service's primary; 0 while it knows none (an
 *     election is under way)
 * @param epoch the highest epoch it knows
 * @param lastSequence sequence number of the last write it applied
 * @param lastEpoch epoch of that write
 */
public record Heartbeat(
    int replicaId, int primaryId, long epoch, long lastSequence, long lastEpoch) {

  /**
   * @return whether the replica says it is the primary
   */
  public boolean primary() {
    return primaryId == replicaId;
  }
}
