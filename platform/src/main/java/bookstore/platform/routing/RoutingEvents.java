package bookstore.platform.routing;

/**
 * Where a {@link ReplicaRouter} reports what its heartbeats notice: a replica going down or coming
 * back, and a new primary (the front end's admin page lists them).
 */
@FunctionalInterface
public interface RoutingEvents {
  /** The kinds of event. */
  enum Kind {
    /** A replica missed its heartbeats or refused a connection. */
    DOWN,
    /** A replica answers heartbeats again. */
    BACK,
    /** A replica that came back has applied what the primary held then: it serves reads again. */
    CAUGHT_UP,
    /** The heartbeats name another primary, or the same one in a new epoch (an election). */
    PRIMARY
  }

  /**
   * @param kind what kind
   * @param text what happened, for a person to read
   */
  void record(Kind kind, String text);
}
