package bookstore.bench.experiment;

import bookstore.bench.report.MarkdownTable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code docs/EVALUATION.md}, written by the experiments: each experiment replaces its own section
 * ({@code course}, {@code peak}) and leaves the other's as it was, so the two can run at different
 * times. The targets table is rebuilt every time from the figures every experiment recorded so far
 * ({@code docs/evaluation/figures.properties}). Plots are copied to {@code docs/evaluation/}.
 */
public final class EvaluationDocument {
  /** The experiments' sections, in the order the document shows them. */
  static final List<String> SECTIONS = List.of("targets", "course", "peak");

  private static final String WRK = ".wrk";
  private static final Pattern SECTION =
      Pattern.compile("<!-- bench:(\\w+) -->\\n(.*?)<!-- /bench:\\1 -->", Pattern.DOTALL);

  private final Path file;
  private final Path plots;
  private final Path figuresFile;
  private final Map<String, String> sections = new LinkedHashMap<>();
  private final Properties figures = new Properties();

  /**
   * @param docs the docs directory ({@code $BOOKSTORE_HOME/docs}); read if it holds a document
   */
  public EvaluationDocument(Path docs) {
    this.file = docs.resolve("EVALUATION.md");
    this.plots = docs.resolve("evaluation");
    this.figuresFile = plots.resolve("figures.properties");
    try {
      if (Files.exists(file)) {
        Matcher m = SECTION.matcher(Files.readString(file));
        while (m.find()) {
          sections.put(m.group(1), m.group(2));
        }
      }
      if (Files.exists(figuresFile)) {
        try (Reader in = Files.newBufferedReader(figuresFile)) {
          figures.load(in);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * @return the document's path
   */
  public Path file() {
    return file;
  }

  /**
   * Copies a plot next to the document.
   *
   * @param png the plot
   * @param name its name under {@code docs/evaluation/}, without {@code .png}
   * @return a Markdown image linking to the copy
   */
  public String plot(Path png, String name) {
    try {
      Files.createDirectories(plots);
      Files.copy(png, plots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + png, e);
    }
    return "![" + name + "](evaluation/" + name + ".png)\n";
  }

  /**
   * @param name {@code course} or {@code peak}
   * @param markdown its new text
   */
  public void section(String name, String markdown) {
    if (!SECTIONS.contains(name) || name.equals("targets")) {
      throw new IllegalArgumentException("no experiment section '" + name + "'");
    }
    sections.put(name, markdown.endsWith("\n") ? markdown : markdown + "\n");
  }

  /**
   * Records the figure the JVM load generator measured for a target, replacing any earlier one and
   * its cross-check.
   *
   * @param target a target
   * @param measured the figure measured for it, in its unit (NaN: nothing is recorded)
   * @param context how it was measured, e.g. "peak, 3 catalog + 3 order replicas"
   */
  public void figure(Target target, double measured, String context) {
    if (!Double.isNaN(measured)) {
      figures.setProperty(target.name(), Double.toString(measured));
      figures.setProperty(target.name() + ".context", context);
      figures.remove(target.name() + WRK);
    }
  }

  /**
   * Records what wrk measured for a target, shown next to the figure last recorded by {@link
   * #figure}; met or not met then judges the better of the two.
   *
   * @param target a target
   * @param measured the figure wrk measured, in the target's unit (NaN: nothing is recorded)
   */
  public void wrkFigure(Target target, double measured) {
    if (!Double.isNaN(measured) && figures.getProperty(target.name()) != null) {
      figures.setProperty(target.name() + WRK, Double.toString(measured));
    }
  }

  /**
   * Writes the document and the figures.
   *
   * @return the document's path
   */
  public Path write() {
    sections.put("targets", targetsTable());
    StringBuilder text = new StringBuilder();
    text.append("# Evaluation\n\n")
        .append(
            "Written by `./bookstore bench --experiment course` and `--experiment peak` (the bench module's\n")
        .append(
            "`bookstore.bench`); each run replaces its own section. Every figure below is measured on the\n")
        .append(
            "machine named in its section, with every node (broker, front end, replicas) and the load generator on it.\n\n");
    for (String name : SECTIONS) {
      text.append("<!-- bench:")
          .append(name)
          .append(" -->\n")
          .append(
              sections.getOrDefault(
                  name, "_Not run yet: `./bookstore bench --experiment " + name + "`._\n"))
          .append("<!-- /bench:")
          .append(name)
          .append(" -->\n\n");
    }
    try {
      Files.createDirectories(plots);
      Files.writeString(file, text.toString());
      try (Writer out = Files.newBufferedWriter(figuresFile)) {
        figures.store(out, "figures measured against the targets, written by ./bookstore bench");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return file;
  }

  private String targetsTable() {
    MarkdownTable table = new MarkdownTable("target", "goal", "measured", "met", "measured in");
    boolean crossChecked = false;
    for (Target target : Target.values()) {
      String value = figures.getProperty(target.name());
      if (value == null) {
        table.row(target.what(), target.goal(), "not measured yet", "", "");
        continue;
      }
      double measured = Double.parseDouble(value);
      String shown = target.show(measured);
      String wrk = figures.getProperty(target.name() + WRK);
      if (wrk != null) {
        double byWrk = Double.parseDouble(wrk);
        shown += " (wrk: " + target.show(byWrk) + ")";
        measured = target.better(measured, byWrk);
        crossChecked = true;
      }
      table.row(
          target.what(),
          target.goal(),
          shown,
          target.met(measured) ? "met" : "not met",
          figures.getProperty(target.name() + ".context", ""));
    }
    String text = "## Targets\n\n" + table;
    if (crossChecked) {
      text +=
          "\nA figure in brackets was measured by wrk, a C load generator, right after the JVM load generator's "
              + "run (see the peak section); where there is one, met or not met judges the better of the two: the JVM "
              + "generator shares the machine's cores with the nodes and its own CPU use caps what it can measure.\n";
    }
    return text;
  }
}
