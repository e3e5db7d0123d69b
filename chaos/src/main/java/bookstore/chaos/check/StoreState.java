package bookstore.chaos.check;

import java.util.List;

/**
 * Every replica of both services at the end of a run, read once the clients have stopped (and, as
 * far as they do within the reader's deadline, the replicas have converged).
 *
 * @param catalog the catalog replicas, by id
 * @param order the order replicas, by id
 */
public record StoreState(List<ReplicaState> catalog, List<ReplicaState> order) {
  /** Copies the lists. */
  public StoreState {
    catalog = List.copyOf(catalog);
    order = List.copyOf(order);
  }
}
