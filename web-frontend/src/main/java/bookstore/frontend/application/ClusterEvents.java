package bookstore.frontend.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.logging.Logger;

/**
 * What happened to the store lately, as this front end saw it, for the admin page: replicas going
 * down and coming back, catching up, primaries changing (elections and failovers), the cache
 * switched or flushed, and the faults a chaos run injects. Keeps the last {@link #CAPACITY} events;
 * each is logged too.
 */
@ApplicationScoped
public class ClusterEvents {
  /** Events kept (items); older ones are dropped. */
  public static final int CAPACITY = 200;

  private static final Logger LOG = Logger.getLogger(ClusterEvents.class.getName());

  /** The kinds of event. */
  public enum Kind {
    /** A replica missed its heartbeats or refused a connection. */
    DOWN,
    /** A replica answers heartbeats again. */
    BACK,
    /** A replica that came back has applied what the primary held then: it serves reads again. */
    CAUGHT_UP,
    /** The heartbeats name another primary, or the same one in a new epoch (an election). */
    PRIMARY,
    /** The admin switched the cache on or off, or flushed it. */
    CACHE,
    /**
     * A fault injected on purpose, or healed, as its injector reported it ({@code ./bookstore
     * chaos} posts each to {@code POST /api/admin/events}).
     */
    FAULT
  }

  /**
   * One event.
   *
   * @param atMs when this front end noticed it, ms since the epoch
   * @param kind what kind
   * @param text what happened, for a person to read
   */
  public record Event(long atMs, Kind kind, String text) {}

  private final Deque<Event> events = new ArrayDeque<>();

  /**
   * @param kind what kind
   * @param text what happened, for a person to read
   */
  public void record(Kind kind, String text) {
    LOG.info(kind + ": " + text);
    synchronized (events) {
      events.addFirst(new Event(System.currentTimeMillis(), kind, text));
      if (events.size() > CAPACITY) {
        events.removeLast();
      }
    }
  }

  /**
   * @return the events kept, newest first
   */
  public List<Event> recent() {
    synchronized (events) {
      return new ArrayList<>(events);
    }
  }
}
