package bookstore.systemtests;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;

/**
 * How the end-to-end tests wait for something: with Awaitility, set up once here. Every wait reads
 *
 * <pre>{@code
 * int stock = await("the stock one lower").atMost(Duration.ofSeconds(10))
 *     .until(() -> lookup(id).stock(), s -> s == 49);
 * }</pre>
 *
 * and returns the first value the condition accepted.
 */
public final class Poll {
  /** Time between two reads of what is awaited. */
  public static final Duration INTERVAL = Duration.ofMillis(50);

  private Poll() {}

  /**
   * Starts a wait. The condition given to {@code until} is read at once, then every {@link
   * #INTERVAL} (unless {@code pollInterval} says otherwise), in the calling thread, until it is
   * met; after the deadline given to {@code atMost} (10 s if none) the wait throws a {@link
   * ConditionTimeoutException} whose message names what was awaited and the last value read.
   *
   * <p>An exception the condition throws ends the wait and is thrown as it is: a read that may fail
   * while a node restarts (a refused connection, which {@link Http} throws as an {@link
   * IllegalStateException}) catches it itself, or the wait says {@code ignoreExceptionsInstanceOf}.
   * Exceptions that other threads do not catch are left to them (Awaitility would otherwise fail
   * the wait with them).
   *
   * @param what what is awaited, for the failure message
   * @return Awaitility's condition factory for that wait
   */
  public static ConditionFactory await(String what) {
    return Awaitility.await(what)
        .pollInSameThread()
        .dontCatchUncaughtExceptions()
        .pollDelay(Duration.ZERO)
        .pollInterval(INTERVAL);
  }
}
