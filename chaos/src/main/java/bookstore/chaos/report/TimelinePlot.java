package bookstore.chaos.report;

import bookstore.bench.report.Charts;
import bookstore.chaos.history.Fault;
import bookstore.chaos.history.History;
import bookstore.chaos.history.Operation;
import bookstore.chaos.history.Operation.Outcome;
import bookstore.chaos.history.Operation.Type;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The run's timeline as a PNG of {@value Charts#WIDTH} x {@value Charts#HEIGHT} pixels: the latency
 * of every operation at the time it was invoked, on a log scale, one scatter series per kind of
 * operation and outcome, with each fault shaded from its injection until it was healed.
 */
public final class TimelinePlot {
  /** The plot's title. */
  public static final String TITLE = "Latency per request, faults shaded until healed";

  /** The shortest latency drawn (ms): the log axis cannot show 0. */
  public static final double MIN_MS = 0.1;

  /** Acknowledged buys (201). */
  public static final String ACKNOWLEDGED = "buys acknowledged";

  /** Buys refused as out of stock (409). */
  public static final String REFUSED = "buys refused (409)";

  /** Any other refusal (4xx): a buy refused otherwise, a lookup refused. */
  public static final String OTHER_REFUSALS = "refused (other 4xx)";

  /** Successful lookups (200). */
  public static final String LOOKUPS = "lookups";

  /** Client-visible errors of any operation: no answer, or a 5xx. */
  public static final String ERRORS = "errors (no answer or 5xx)";

  /** The placeholder series of a run without operations (XChart needs a series). */
  public static final String NO_OPERATIONS = "no operations";

  /** The most faults the legend names; later ones are shown by their colour only. */
  public static final int MAX_FAULTS_IN_LEGEND = 12;

  private static final int BAND_ALPHA = 60;
  private static final Color TRANSPARENT = new Color(0, 0, 0, 0);

  private static final Map<Fault.Kind, Color> FAULT_COLORS = new EnumMap<>(Fault.Kind.class);

  static {
    FAULT_COLORS.put(Fault.Kind.KILL, new Color(127, 127, 127));
    FAULT_COLORS.put(Fault.Kind.FREEZE, new Color(23, 190, 207));
    FAULT_COLORS.put(Fault.Kind.PARTITION, new Color(148, 103, 189));
    FAULT_COLORS.put(Fault.Kind.BROKER, new Color(188, 189, 34));
  }

  private TimelinePlot() {}

  /** One scatter series: its name, which operations it shows, and how it is drawn. */
  private record Points(String name, Predicate<Operation> shows, Color color, Marker marker) {}

  private static final List<Points> SERIES =
      List.of(
          new Points(
              ACKNOWLEDGED,
              o -> o.type() == Type.BUY && o.outcome() == Outcome.OK,
              new Color(31, 119, 180),
              SeriesMarkers.CIRCLE),
          new Points(
              REFUSED,
              o -> o.type() == Type.BUY && o.outcome() == Outcome.FAIL && o.status() == 409,
              new Color(255, 127, 14),
              SeriesMarkers.CIRCLE),
          new Points(
              OTHER_REFUSALS,
              o -> o.outcome() == Outcome.FAIL && (o.type() != Type.BUY || o.status() != 409),
              new Color(140, 86, 75),
              SeriesMarkers.DIAMOND),
          new Points(
              LOOKUPS,
              o -> o.type() == Type.LOOKUP && o.outcome() == Outcome.OK,
              new Color(44, 160, 44),
              SeriesMarkers.CIRCLE),
          new Points(ERRORS, o -> o.outcome() == Outcome.UNKNOWN, Color.RED, SeriesMarkers.CROSS));

  /**
   * Draws the timeline and saves it. The x axis is the time each operation was invoked, in seconds
   * since the run's start, from 0 to the run's end (or the last heal, if later); the y axis its
   * latency in ms, log scale, at least {@value #MIN_MS} ms, from the decade below the fastest (at
   * most 1 ms) to the decade above the slowest (at least 10 ms). The series, each only when it has
   * points and each thinned to at most {@value Charts#MAX_POINTS_PER_SERIES} points ({@link
   * Charts#thin}): {@value #ACKNOWLEDGED}, {@value #REFUSED}, {@value #OTHER_REFUSALS}, {@value
   * #LOOKUPS}, {@value #ERRORS} (red crosses); {@value #NO_OPERATIONS} when there are none. Each
   * fault is a translucent band, in its kind's colour, from its injection to its heal, over the
   * whole height of the plot, with a vertical line at its injection; the legend, right of the plot,
   * names the first {@value #MAX_FAULTS_IN_LEGEND} faults by {@link Fault#describe()} (the later
   * ones only by their colour).
   *
   * @param history the run's history
   * @param png where to save the plot ({@value Charts#WIDTH} x {@value Charts#HEIGHT} pixels)
   * @throws UncheckedIOException when it cannot be written
   */
  public static void write(History history, Path png) {
    XYChart chart = Charts.xy(TITLE, "time since start (s)", "latency (ms, log scale)");
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
    chart.getStyler().setMarkerSize(3);
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setYAxisDecimalPattern("0.#");
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
    chart.getStyler().setAnnotationLineColor(Color.DARK_GRAY);
    chart.getStyler().setAnnotationLineStroke(new BasicStroke(1f));

    Map<Points, List<Operation>> shown = new LinkedHashMap<>();
    double fastestMs = 1;
    double slowestMs = 10;
    for (Points points : SERIES) {
      List<Operation> ops = history.operations().stream().filter(points.shows()).toList();
      if (!ops.isEmpty()) {
        shown.put(points, Charts.thin(ops, Operation::latencySeconds));
        for (Operation o : ops) {
          fastestMs = Math.min(fastestMs, ms(o));
          slowestMs = Math.max(slowestMs, ms(o));
        }
      }
    }
    double bottomMs = Math.pow(10, Math.floor(Math.log10(fastestMs)));
    double topMs = Math.pow(10, Math.ceil(Math.log10(slowestMs)));
    chart.getStyler().setYAxisMin(bottomMs);
    chart.getStyler().setYAxisMax(topMs);
    double endSeconds =
        Math.max(
            history.secondsSinceStart(history.endNanos()),
            history.faults().stream()
                .mapToDouble(f -> history.secondsSinceStart(f.healedNanos()))
                .max()
                .orElse(0));
    if (endSeconds > 0) { // the whole run, even when its clients stopped early
      chart.getStyler().setXAxisMin(0.0);
      chart.getStyler().setXAxisMax(endSeconds);
    }

    // the bands first, so that the points are drawn over them
    for (int f = 0; f < history.faults().size(); f++) {
      Fault fault = history.faults().get(f);
      double from = history.secondsSinceStart(fault.injectedNanos());
      double to = history.secondsSinceStart(Math.max(fault.injectedNanos(), fault.healedNanos()));
      String name = uniqueName(chart, fault.describe());
      // XChart fills an area from its line to 1 ms (log10 = 0) on a log axis: one band from the
      // top down to 1 ms (clipped at the bottom when that is above 1 ms), one from 1 ms down to the
      // bottom when that is below. The legend draws an area as its line: the upper band's line,
      // along the plot's top, is opaque.
      Color color = FAULT_COLORS.get(fault.kind());
      band(chart, name, from, to, topMs, color, color).setShowInLegend(f < MAX_FAULTS_IN_LEGEND);
      if (bottomMs < 1) {
        band(chart, name + " ", from, to, bottomMs, color, TRANSPARENT).setShowInLegend(false);
      }
      chart.addAnnotation(new AnnotationLine(from, true, false));
    }

    shown.forEach(
        (points, ops) -> {
          double[] x = new double[ops.size()];
          double[] y = new double[ops.size()];
          for (int i = 0; i < ops.size(); i++) {
            x[i] = history.secondsSinceStart(ops.get(i).invokedNanos());
            y[i] = ms(ops.get(i));
          }
          XYSeries series = chart.addSeries(points.name(), x, y);
          series.setMarker(points.marker());
          series.setMarkerColor(points.color());
        });
    if (shown.isEmpty()) {
      chart
          .addSeries(NO_OPERATIONS, new double[] {0}, new double[] {1})
          .setMarker(SeriesMarkers.NONE);
    }
    Charts.save(chart, png);
  }

  /**
   * A translucent area from x {@code from} to {@code to} (s), between {@code ms} and 1 ms, with a
   * line in {@code lineColor} at {@code ms}.
   */
  private static XYSeries band(
      XYChart chart, String name, double from, double to, double ms, Color color, Color lineColor) {
    XYSeries band = chart.addSeries(name, new double[] {from, to}, new double[] {ms, ms});
    band.setXYSeriesRenderStyle(XYSeriesRenderStyle.Area);
    band.setMarker(SeriesMarkers.NONE);
    band.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), BAND_ALPHA));
    band.setLineColor(lineColor);
    band.setLineWidth(3f);
    return band;
  }

  private static double ms(Operation o) {
    return Math.max(MIN_MS, o.latencySeconds() * 1e3);
  }

  /** XChart refuses two series of one name: a second fault of the same node gets a suffix. */
  private static String uniqueName(XYChart chart, String name) {
    String unique = name;
    for (int n = 2; chart.getSeriesMap().containsKey(unique); n++) {
      unique = name + " (" + n + ")";
    }
    return unique;
  }
}
