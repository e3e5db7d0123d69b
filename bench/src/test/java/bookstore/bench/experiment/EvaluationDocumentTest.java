package bookstore.bench.experiment;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The targets table with a wrk figure next to the JVM load generator's. */
class EvaluationDocumentTest {
  private static final Pattern THROUGHPUT_ROW =
      Pattern.compile("(?m)^\\| cached lookups, 16 connections .*$");

  @TempDir Path docs;

  @Test
  void theWrkFigureStandsNextToTheJvmGeneratorsAndTheBetterOfTheTwoIsJudged() throws IOException {
    EvaluationDocument doc = writtenWithWrk("peak, 3 catalog + 3 order replicas");

    String row = throughputRow(new EvaluationDocument(docs));
    assertTrue(
        Pattern.compile("\\| 3460\\.0 req/s \\(wrk: 23000\\.0 req/s\\)\\s*\\| met ")
            .matcher(row)
            .find(),
        row);
    assertTrue(
        Files.readString(doc.file()).contains("judges the better of the two"), "the footnote");
  }

  @Test
  void aLaterRunWithoutWrkDropsTheEarlierWrkFigure() throws IOException {
    writtenWithWrk("peak");

    EvaluationDocument later = new EvaluationDocument(docs);
    later.figure(Target.CACHED_LOOKUP_THROUGHPUT, 3500, "peak");
    later.write();

    String row = throughputRow(new EvaluationDocument(docs));
    assertTrue(Pattern.compile("\\| 3500\\.0 req/s\\s*\\| not met ").matcher(row).find(), row);
    assertFalse(
        Files.readString(later.file()).contains("judges the better of the two"),
        "no footnote without a wrk figure");
  }

  @Test
  void aWrkFigureWithoutTheJvmGeneratorsIsNotRecorded() throws IOException {
    EvaluationDocument doc = new EvaluationDocument(docs);
    doc.wrkFigure(Target.CACHED_LOOKUP_THROUGHPUT, 23000);
    doc.write();
    assertTrue(throughputRow(doc).contains("not measured yet"));
  }

  /**
   * @return the document, written with a cached lookup throughput of 3460 req/s by the JVM load
   *     generator (measured in {@code context}) and 23000 req/s by wrk
   */
  private EvaluationDocument writtenWithWrk(String context) throws IOException {
    EvaluationDocument doc = new EvaluationDocument(docs);
    doc.figure(Target.CACHED_LOOKUP_THROUGHPUT, 3460, context);
    doc.wrkFigure(Target.CACHED_LOOKUP_THROUGHPUT, 23000);
    doc.write();
    return doc;
  }

  private static String throughputRow(EvaluationDocument doc) throws IOException {
    var m = THROUGHPUT_ROW.matcher(Files.readString(doc.file()));
    assertTrue(m.find());
    return m.group();
  }
}
