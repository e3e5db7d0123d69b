package bookstore.replication;

import bookstore.api.replication.WriteStamp;

/**
 * A service's replicated state as the replication machinery sees it: updates and snapshots as JSON
 * text, applied without any sequence bookkeeping (the {@link ReplicaApplier} does that). Each
 * service implements it once over its tables. Every method runs in the caller's transaction, under
 * the replica's state lock.
 */
public interface ReplicatedState {

  /**
   * The service this state is: it names the service's update topic ({@code <service>.updates}) and
   * each replica's durable subscription ({@code <service>-replica-<id>}). Known by the code rather
   * than configured, so that the catalog and the order service can share one application's
   * configuration (the EAR on one Payara Server, where MicroProfile Config is one per application).
   *
   * @return "catalog" or "order"
   */
  String service();

  /**
   * @param updateJson an update from the service's topic
   * @return its stamp
   */
  WriteStamp stampOf(String updateJson);

  /**
   * Applies one update's effect. Updates carry the state after the write, so applying one twice
   * gives the same state.
   *
   * @param updateJson an update from the service's topic
   */
  void apply(String updateJson);

  /**
   * @return the whole replicated state as JSON
   */
  String snapshot();

  /**
   * @param snapshotJson what {@link #snapshot()} gave on another replica: replaces all state
   */
  void install(String snapshotJson);

  /**
   * @return SHA-256 over the state in key order (see {@link StateDigest})
   */
  String digest();
}
