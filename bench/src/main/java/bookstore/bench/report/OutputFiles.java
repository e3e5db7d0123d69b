package bookstore.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Creating the benchmark's output directories and files, failing unchecked (a run cannot go on
 * without them).
 */
public final class OutputFiles {
  private OutputFiles() {}

  /**
   * @param dir a directory to create with its parents
   * @return it
   */
  public static Path directory(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }

  /**
   * @param parent where a command's results go by default, e.g. {@code bench-results}
   * @return {@code parent/yyyyMMdd-HHmmss} for the local time now (not created)
   */
  public static Path timestamped(String parent) {
    return Path.of(
        parent, LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
  }

  /**
   * @param file a file to write
   * @param text its whole content
   */
  public static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
