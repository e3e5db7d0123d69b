package bookstore.bench.report;

import bookstore.bench.load.LoadGenerator;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar, redrawn with {@code \r} four times a second: elapsed time, the share of
 * the run done, requests answered and the rate over the whole run so far.
 */
public final class ProgressBar implements LoadGenerator.Progress {
  private static final int WIDTH = 30;

  private final PrintStream out;
  private final String label;

  /**
   * @param out where to draw (standard error)
   * @param label what runs, e.g. "p=0.2 cache on"
   */
  public ProgressBar(PrintStream out, String label) {
    this.out = out;
    this.label = label;
  }

  @Override
  public Runnable started(LongSupplier completed, LoadGenerator.Plan plan) {
    long start = System.nanoTime();
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "bench-progress");
              t.setDaemon(true);
              return t;
            });
    Runnable draw =
        () ->
            out.print('\r' + line(completed.getAsLong(), (System.nanoTime() - start) / 1e9, plan));
    ticker.scheduleAtFixedRate(draw, 250, 250, TimeUnit.MILLISECONDS);
    return () -> {
      ticker.shutdownNow();
      try {
        ticker.awaitTermination(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      draw.run();
      out.println();
      out.flush();
    };
  }

  private String line(long done, double seconds, LoadGenerator.Plan plan) {
    double share =
        plan.requests() > 0
            ? (double) done / plan.requests()
            : seconds / (plan.duration().toNanos() / 1e9);
    int filled = (int) Math.round(Math.min(1, share) * WIDTH);
    return String.format(
        Locale.ROOT,
        "%s [%s%s] %5.1f s  %,d req  %,.0f req/s ",
        label,
        "#".repeat(filled),
        ".".repeat(WIDTH - filled),
        seconds,
        done,
        done / Math.max(seconds, 1e-3));
  }
}
