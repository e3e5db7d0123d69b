package bookstore.api.replication;

/**
 * The broker's update topics (SPEC "Replication": one message per write), and the one message on
 * them that is not a write.
 */
public final class UpdateTopics {
  /**
   * The catalog primary's writes: applied by the catalog backups, and by the front ends' caches as
   * invalidations.
   */
  public static final String CATALOG = "catalog.updates";

  /** The order primary's writes, applied by the order backups. */
  public static final String ORDER = "order.updates";

  /**
   * JMS property of the confirmation the broker sends to each new non-durable subscription of an
   * update topic, and to it alone, right after its consumer is created: proof that the subscriber
   * is connected and will see every write from then on (the front end's readiness waits for it).
   * Its value is the broker's clock when the consumer was created, in ms since the epoch. Such a
   * message has no body and is not a write.
   */
  public static final String SUBSCRIBED = "bookstore_subscribed";

  private UpdateTopics() {}
}
