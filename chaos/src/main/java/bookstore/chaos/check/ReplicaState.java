package bookstore.chaos.check;

import bookstore.api.replication.OrderUpdate;
import java.util.List;
import java.util.Map;

/**
 * What one replica holds at the end of a run, as the checker compares it with the history.
 *
 * @param node its name, e.g. {@code order-2}; the service is the part before the dash
 * @param epoch its epoch ({@code GET /replica})
 * @param sequence its last applied sequence number
 * @param digest its state's digest (equal digests: equal state, SPEC guarantee 4), or null when it
 *     could not be read
 * @param orders an order replica's orders, each as its replicated write (with its idempotency key);
 *     empty for a catalog replica
 * @param stock a catalog replica's stock of each of the run's items (item id to items); empty for
 *     an order replica
 */
public record ReplicaState(
    String node,
    long epoch,
    long sequence,
    String digest,
    List<OrderUpdate> orders,
    Map<Integer, Integer> stock) {

  /** Copies the collections. */
  public ReplicaState {
    orders = List.copyOf(orders);
    stock = Map.copyOf(stock);
  }

  /**
   * @param node the replica's name
   * @return a replica that did not answer: no digest, nothing held
   */
  public static ReplicaState unreachable(String node) {
    return new ReplicaState(node, -1, -1, null, List.of(), Map.of());
  }

  /**
   * @param node a replica's name, e.g. {@code order-2}
   * @return its service, e.g. {@code order}
   */
  public static String service(String node) {
    return node.substring(0, node.indexOf('-'));
  }

  /**
   * @return how its position reads in a report: {@code sequence/digest}, or {@code unreachable}
   */
  public String position() {
    return digest == null ? "unreachable" : sequence + "/" + digest;
  }
}
