package bookstore.bench.report;

import bookstore.bench.load.LoadGenerator.Marker;
import bookstore.bench.load.Operation;
import bookstore.bench.load.Outcome;
import bookstore.bench.load.Sample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The benchmark's plots, drawn with XChart and saved as small PNGs ({@value #WIDTH} x {@value
 * #HEIGHT} pixels). Runs headless.
 */
public final class Charts {
  /** Width of every plot, in pixels. */
  public static final int WIDTH = 800;

  /** Height of every plot, in pixels. */
  public static final int HEIGHT = 500;

  /** The most points a scatter series draws: beyond it, every k-th point plus all above p99. */
  public static final int MAX_POINTS_PER_SERIES = 20_000;

  private static final int BINS = 40;
  private static final String ERRORS = "errors (any operation)";

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private Charts() {}

  /**
   * Latency of every request over the run's time, one scatter series per operation and one for the
   * failed requests of any operation, log scale, with the run's actions (a kill) as labelled
   * vertical lines.
   *
   * @param title the plot's title
   * @param samples the run's requests
   * @param markers the run's actions
   * @param png where to save it
   */
  public static void latencyOverTime(
      String title, List<Sample> samples, List<Marker> markers, Path png) {
    XYChart chart = xy(title, "time since start (s)", "latency (ms, log scale)");
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
    chart.getStyler().setMarkerSize(3);
    chart.getStyler().setYAxisLogarithmic(true);
    Map<String, List<Sample>> series = new LinkedHashMap<>();
    for (Operation operation : Operation.values()) {
      samples.stream()
          .filter(s -> s.operation() == operation && s.outcome() != Outcome.ERROR)
          .forEach(s -> series.computeIfAbsent(operation.label(), k -> new ArrayList<>()).add(s));
    }
    samples.stream()
        .filter(s -> s.outcome() == Outcome.ERROR)
        .forEach(s -> series.computeIfAbsent(ERRORS, k -> new ArrayList<>()).add(s));
    double maxMs = 1;
    for (Map.Entry<String, List<Sample>> points : series.entrySet()) {
      List<Sample> shown = thin(points.getValue(), Sample::latencyMicros);
      double[] x = new double[shown.size()];
      double[] y = new double[shown.size()];
      for (int i = 0; i < shown.size(); i++) {
        x[i] = shown.get(i).startSeconds();
        y[i] = Math.max(0.001, shown.get(i).latencyMillis());
        maxMs = Math.max(maxMs, y[i]);
      }
      chart
          .addSeries(points.getKey(), x, y)
          .setMarker(points.getKey().equals(ERRORS) ? SeriesMarkers.CROSS : SeriesMarkers.CIRCLE);
    }
    if (series.isEmpty()) {
      chart.addSeries("no requests", new double[] {0}, new double[] {1});
    }
    double labelAt = maxMs;
    for (Marker marker : markers) {
      chart.addAnnotation(new AnnotationLine(marker.atSeconds(), true, false));
      chart.addAnnotation(new AnnotationText(marker.label(), marker.atSeconds(), labelAt, false));
      labelAt /= 2; // the next label lower, so labels of close markers do not overlap
    }
    save(chart, png);
  }

  /**
   * The distribution of one operation's latencies: {@value #BINS} equal bins from 0 to its 99.9th
   * percentile; slower requests are counted in the last bin.
   *
   * @param title the plot's title
   * @param latencyMicros the latencies, in microseconds
   * @param png where to save it
   */
  public static void histogram(String title, Histogram latencyMicros, Path png) {
    double topMs = Math.max(0.001, latencyMicros.getValueAtPercentile(99.9) / 1e3);
    double binMs = topMs / BINS;
    double[] x = new double[BINS];
    double[] counts = new double[BINS];
    for (int b = 0; b < BINS; b++) {
      x[b] = b * binMs;
    }
    for (HistogramIterationValue v : latencyMicros.recordedValues()) {
      int bin = (int) Math.min(BINS - 1, (v.getValueIteratedTo() / 1e3) / binMs);
      counts[bin] += v.getCountAtValueIteratedTo();
    }
    XYChart chart = xy(title, "latency (ms; last bin: at least that)", "requests");
    chart.getStyler().setLegendVisible(false);
    chart
        .addSeries("requests", x, counts)
        .setXYSeriesRenderStyle(XYSeriesRenderStyle.StepArea)
        .setMarker(SeriesMarkers.NONE);
    save(chart, png);
  }

  /**
   * A line plot of several series over the same kind of x, e.g. latency against the buy
   * probability, one line per cache setting.
   *
   * @param title the plot's title
   * @param xTitle the x axis' title
   * @param yTitle the y axis' title
   * @param logX whether the x axis is logarithmic (connections: 1, 4, 16, 64)
   * @param series name to points, each point {x, y}; NaN values are left out
   * @param png where to save it
   */
  public static void lines(
      String title,
      String xTitle,
      String yTitle,
      boolean logX,
      Map<String, List<double[]>> series,
      Path png) {
    XYChart chart = xy(title, xTitle, yTitle);
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Line);
    chart.getStyler().setXAxisLogarithmic(logX);
    series.forEach(
        (name, points) -> {
          List<double[]> shown =
              points.stream().filter(p -> !Double.isNaN(p[0]) && !Double.isNaN(p[1])).toList();
          if (!shown.isEmpty()) {
            chart.addSeries(
                name,
                shown.stream().mapToDouble(p -> p[0]).toArray(),
                shown.stream().mapToDouble(p -> p[1]).toArray());
          }
        });
    if (chart.getSeriesMap().isEmpty()) {
      chart.addSeries("no data", new double[] {1}, new double[] {0});
    }
    save(chart, png);
  }

  /**
   * Thins a scatter series so that it draws fast and its PNG stays small: a series of at most
   * {@value #MAX_POINTS_PER_SERIES} points is returned as is; a longer one keeps every k-th point
   * (k = size / {@value #MAX_POINTS_PER_SERIES}, rounded up) plus every point whose latency is at
   * least the series' 99th percentile, so that no outlier is lost.
   *
   * @param <T> a point's type
   * @param points the series' points, in the order they are drawn
   * @param latency a point's latency, in any unit (only compared)
   * @return the points to draw, in their order: {@code points} itself when short enough, else a new
   *     list
   */
  public static <T> List<T> thin(List<T> points, ToDoubleFunction<? super T> latency) {
    if (points.size() <= MAX_POINTS_PER_SERIES) {
      return points;
    }
    double[] sorted = points.stream().mapToDouble(latency).sorted().toArray();
    double p99 = sorted[(int) (sorted.length * 0.99)];
    int step = (int) Math.ceil(points.size() / (double) MAX_POINTS_PER_SERIES);
    List<T> shown = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      if (i % step == 0 || latency.applyAsDouble(points.get(i)) >= p99) {
        shown.add(points.get(i));
      }
    }
    return shown;
  }

  /**
   * A new XY chart of {@value #WIDTH} x {@value #HEIGHT} pixels in the benchmark's style: legend
   * below the plot, laid out horizontally, anti-aliased. Add series, then {@link #save} it.
   *
   * @param title the plot's title
   * @param xTitle the x axis' title, with its unit, e.g. {@code time since start (s)}
   * @param yTitle the y axis' title, with its unit, e.g. {@code latency (ms, log scale)}
   * @return the chart, with no series yet
   */
  public static XYChart xy(String title, String xTitle, String yTitle) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    chart.getStyler().setAntiAlias(true);
    return chart;
  }

  /**
   * Saves a chart as a PNG of its size ({@value #WIDTH} x {@value #HEIGHT} pixels for one made by
   * {@link #xy}); XChart needs at least one series in it.
   *
   * @param chart the chart to draw
   * @param png where to save it; replaced if it exists ({@code .png} is appended unless it ends so)
   * @throws UncheckedIOException when it cannot be written
   */
  public static void save(XYChart chart, Path png) {
    try {
      BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + png, e);
    }
  }
}
