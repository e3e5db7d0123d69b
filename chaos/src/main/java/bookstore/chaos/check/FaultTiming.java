package bookstore.chaos.check;

import bookstore.chaos.history.Fault;
import bookstore.chaos.history.Operation;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

/**
 * What a fault cost the clients: the pause until the first write acknowledged after it, and the
 * slowest operation around it.
 *
 * @param fault the fault
 * @param firstWriteSeconds from the fault's injection until the first buy invoked after it was
 *     acknowledged (s); empty when none was
 * @param slowestSeconds the slowest operation invoked from {@value #BEFORE_S} s before the fault
 *     until it was healed, or {@value #AFTER_S} s after its injection if that is later (s)
 */
public record FaultTiming(Fault fault, OptionalDouble firstWriteSeconds, double slowestSeconds) {
  /** Operations invoked this long before a fault count as around it (s). */
  public static final long BEFORE_S = 1;

  /** Operations invoked at least this long after a fault count as around it (s). */
  public static final long AFTER_S = 10;

  /**
   * @param fault a fault of the run
   * @param operations the run's operations so far
   * @return its timing, from the operations recorded so far
   */
  public static FaultTiming of(Fault fault, List<Operation> operations) {
    OptionalDouble firstWrite =
        operations.stream()
            .filter(o -> o.acknowledgedBuy() && o.invokedNanos() >= fault.injectedNanos())
            .mapToLong(Operation::completedNanos)
            .min()
            .stream()
            .mapToDouble(t -> (t - fault.injectedNanos()) / 1e9)
            .findFirst();
    long from = fault.injectedNanos() - TimeUnit.SECONDS.toNanos(BEFORE_S);
    long until =
        Math.max(fault.healedNanos(), fault.injectedNanos() + TimeUnit.SECONDS.toNanos(AFTER_S));
    double slowest =
        operations.stream()
            .filter(o -> o.invokedNanos() >= from && o.invokedNanos() <= until)
            .mapToDouble(Operation::latencySeconds)
            .max()
            .orElse(0);
    return new FaultTiming(fault, firstWrite, slowest);
  }

  /**
   * @return e.g. {@code first write acknowledged 1.21 s after it, slowest operation 1.30 s}
   */
  public String describe() {
    return (firstWriteSeconds.isPresent()
            ? String.format(
                "first write acknowledged %.2f s after it", firstWriteSeconds.getAsDouble())
            : "no write acknowledged after it")
        + String.format(", slowest operation around it %.2f s", slowestSeconds);
  }
}
