package bookstore.deploy.images;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the Maven build tells the tests (failsafe's system properties, see pom.xml). */
final class Build {
  private Build() {}

  /**
   * @return the project version: every image's tag
   */
  static String version() {
    return required("images.version");
  }

  /**
   * @return the module's target folder, where the image tars and their staged files are
   */
  static Path target() {
    return Path.of(required("images.dir"));
  }

  /**
   * @param role frontend, catalog, order or broker
   * @return the role's image tar; skips the calling test when the build skipped the images (no base
   *     image could be made on this machine: the build warned)
   */
  static Path imageTar(String role) {
    assumeFalse(
        Boolean.parseBoolean(System.getProperty("images.base.missing")),
        "no base image on this machine: the build skipped the images (see its warning)");
    Path tar = target().resolve(role + "-image.tar");
    if (!Files.isRegularFile(tar)) {
      throw new AssertionError(tar + " was not built");
    }
    return tar;
  }

  /**
   * @return the local base image's tar when the images are built on one ({@code tar://FILE})
   */
  static Optional<Path> localBase() {
    String base = required("images.base");
    return base.startsWith("tar://") ? Optional.of(Path.of(base.substring(6))) : Optional.empty();
  }

  /**
   * @return the user the images run as, {@code uid:gid}
   */
  static String user() {
    return required("images.user");
  }

  /**
   * @return payara-config/preboot.txt, which the nodes' pre-boot commands are made from
   */
  static Path prebootSource() {
    return Path.of(required("images.preboot.source"));
  }

  /**
   * @return the nodes' start script, as it is in the sources
   */
  static Path startScript() {
    return Path.of(required("images.start.script"));
  }

  /**
   * @return the repository's root (where ./bookstore is)
   */
  static Path repositoryRoot() {
    return prebootSource().getParent().getParent();
  }

  /**
   * @param name a setting of payara-config/cluster.conf (a line {@code : "${NAME:=value}"})
   * @return its default, as ./bookstore gives it to the nodes
   */
  static String clusterConf(String name) {
    Pattern line = Pattern.compile("^: \"\\$\\{" + Pattern.quote(name) + ":=(.*)}\"$");
    try {
      return Files.readAllLines(repositoryRoot().resolve("payara-config/cluster.conf")).stream()
          .map(l -> line.matcher(l.strip()))
          .filter(Matcher::matches)
          .map(m -> m.group(1))
          .findFirst()
          .orElseThrow(() -> new AssertionError("cluster.conf sets no default for " + name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String required(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "system property " + name + " is not set: run the tests with Maven (mvn verify)");
    }
    return value;
  }
}
