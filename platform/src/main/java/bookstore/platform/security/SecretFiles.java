package bookstore.platform.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Reads a secret that {@code ./bookstore start} generated into the run directory (mode 600): the
 * admin password, the cluster secret, a broker user's password. The secret is the file's first
 * line, without surrounding white space.
 */
public final class SecretFiles {
  private static final Logger LOG = Logger.getLogger(SecretFiles.class.getName());

  private SecretFiles() {}

  /**
   * @param file the file's path
   * @return its first line, stripped; empty when the file is missing, unreadable (logged) or blank
   */
  public static Optional<String> firstLine(String file) {
    try {
      return Files.readAllLines(Path.of(file)).stream()
          .findFirst()
          .map(String::strip)
          .filter(s -> !s.isEmpty());
    } catch (IOException e) {
      LOG.warning("cannot read the secret in " + file + ": " + e);
      return Optional.empty();
    }
  }
}
