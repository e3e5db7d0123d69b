package bookstore.platform.routing;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * The one retry policy of every call that follows a service through a failover (SPEC guarantee 6: a
 * failover shows as latency, not as an error), declared with MicroProfile Fault Tolerance: an
 * attempt that fails with {@link Retryable} is made again after {@value #PAUSE_MS} ms, for at most
 * {@value #DEADLINE_MS} ms in all; any other exception ends the call at once. Both figures can be
 * changed through MicroProfile Config with Fault Tolerance's own keys, e.g. {@code
 * bookstore.platform.routing.Failover/untilDeadline/Retry/maxDuration=20000}.
 *
 * <p>Used by {@link ReplicaRouter}; a CDI bean so that the container's interceptor applies it.
 */
@ApplicationScoped
public class Failover {
  /** Pause between two attempts, ms: long enough for a heartbeat round to notice a change. */
  public static final long PAUSE_MS = 100;

  /**
   * How long attempts go on, ms: the heartbeats find a dead primary within 3 s and an election
   * takes about 1 s more, so 10 s covers a failover with room to spare.
   */
  public static final long DEADLINE_MS = 10_000;

  /**
   * @param attempt one attempt: returns the answer, throws {@link Retryable} when it may be made
   *     again, or any other exception to give up
   * @param <T> the answer's type
   * @return the first answer an attempt gives
   * @throws Retryable the last attempt's failure, when the deadline passes first
   */
  @Retry(
      maxRetries = -1,
      maxDuration = DEADLINE_MS,
      durationUnit = ChronoUnit.MILLIS,
      delay = PAUSE_MS,
      delayUnit = ChronoUnit.MILLIS,
      jitter = 0,
      retryOn = Retryable.class)
  public <T> T untilDeadline(Supplier<T> attempt) {
    return attempt.get();
  }

  /**
   * An attempt that failed in a way that may pass: no replica answered, no primary is known yet, a
   * node is still deploying. It carries the failure behind it.
   */
  public static class Retryable extends RuntimeException {
    /**
     * @param what what failed, in words a client may read (it ends up in a 503's detail: no
     *     exception text, which could name a Java class)
     * @param cause the failure behind it, or null
     */
    public Retryable(String what, Throwable cause) {
      super(what, cause);
    }
  }
}
