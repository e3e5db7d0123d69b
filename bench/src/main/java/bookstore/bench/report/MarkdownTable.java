package bookstore.bench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A table written as Markdown, padded so it also reads well on a terminal: the benchmark prints the
 * same text it writes into {@code EVALUATION.md}.
 */
public final class MarkdownTable {
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  /**
   * @param header the column names
   */
  public MarkdownTable(List<String> header) {
    this.header = List.copyOf(header);
  }

  /**
   * @param header the column names
   */
  public MarkdownTable(String... header) {
    this(List.of(header));
  }

  /**
   * @param cells one cell per column
   * @return this table
   */
  public MarkdownTable row(List<String> cells) {
    if (cells.size() != header.size()) {
      throw new IllegalArgumentException(
          "a row needs " + header.size() + " cells, got " + cells.size());
    }
    rows.add(List.copyOf(cells));
    return this;
  }

  /**
   * @param cells one cell per column
   * @return this table
   */
  public MarkdownTable row(String... cells) {
    return row(List.of(cells));
  }

  /**
   * @return the table as Markdown, ending with a newline
   */
  @Override
  public String toString() {
    int[] widths = new int[header.size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = Math.max(3, header.get(c).length());
      for (List<String> row : rows) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    StringBuilder text = new StringBuilder();
    line(text, header, widths);
    text.append('|');
    for (int width : widths) {
      text.append('-').append("-".repeat(width)).append("-|");
    }
    text.append('\n');
    rows.forEach(row -> line(text, row, widths));
    return text.toString();
  }

  private static void line(StringBuilder text, List<String> cells, int[] widths) {
    text.append('|');
    for (int c = 0; c < widths.length; c++) {
      text.append(' ')
          .append(cells.get(c))
          .append(" ".repeat(widths[c] - cells.get(c).length()))
          .append(" |");
    }
    text.append('\n');
  }
}
