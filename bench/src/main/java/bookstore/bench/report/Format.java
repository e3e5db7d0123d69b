package bookstore.bench.report;

import java.util.Locale;

/** How figures are written in tables: fixed decimals, English separators, "n/a" for nothing. */
public final class Format {
  private Format() {}

  /**
   * @param ms a latency in ms (NaN: none)
   * @return e.g. {@code 0.412}, {@code 12.3}, {@code 1520}
   */
  public static String ms(double ms) {
    if (Double.isNaN(ms)) {
      return "n/a";
    }
    return String.format(Locale.ROOT, ms < 10 ? "%.3f" : ms < 100 ? "%.1f" : "%.0f", ms);
  }

  /**
   * @param perSecond a rate (NaN: none)
   * @return e.g. {@code 1234.5}
   */
  public static String rate(double perSecond) {
    return Double.isNaN(perSecond) ? "n/a" : String.format(Locale.ROOT, "%.1f", perSecond);
  }

  /**
   * @param duration a duration
   * @return it in seconds, e.g. {@code 12 s}, {@code 0.3 s}
   */
  public static String seconds(java.time.Duration duration) {
    return number(duration.toMillis() / 1000.0) + " s";
  }

  /**
   * @param value any number
   * @return it with up to 2 decimals
   */
  public static String number(double value) {
    return Double.isNaN(value)
        ? "n/a"
        : String.format(Locale.ROOT, "%.2f", value).replaceAll("\\.?0+$", "");
  }
}
