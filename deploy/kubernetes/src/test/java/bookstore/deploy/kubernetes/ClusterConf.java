package bookstore.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The defaults of {@code payara-config/cluster.conf}, the settings of {@code ./bookstore}: every
 * line {@code : "${NAME:=value}"}, by name.
 */
final class ClusterConf {
  private static final Pattern DEFAULT = Pattern.compile("^: \"\\$\\{([A-Z0-9_]+):=(.*)}\"$");

  private final Map<String, String> defaults;

  private ClusterConf(Map<String, String> defaults) {
    this.defaults = defaults;
  }

  /**
   * @param checkout the repository's root directory
   * @return its cluster.conf's defaults
   */
  static ClusterConf load(Path checkout) {
    Map<String, String> defaults = new TreeMap<>();
    try {
      for (String line : Files.readAllLines(checkout.resolve("payara-config/cluster.conf"))) {
        Matcher setting = DEFAULT.matcher(line.strip());
        if (setting.matches()) {
          defaults.put(setting.group(1), setting.group(2));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ClusterConf(defaults);
  }

  /**
   * @return the default of that setting; fails when cluster.conf has none
   */
  String get(String name) {
    String value = defaults.get(name);
    assertNotNull(value, "cluster.conf sets a default for " + name);
    return value;
  }

  /**
   * @return that setting as a number
   */
  int number(String name) {
    return Integer.parseInt(get(name));
  }

  /**
   * @return that setting split into words, as the start script splits JVM options
   */
  List<String> words(String name) {
    return Arrays.stream(get(name).strip().split("\\s+")).filter(word -> !word.isEmpty()).toList();
  }

  /**
   * @param service a replicated service's name ({@code catalog}, {@code order})
   * @return its {@code BOOKSTORE_<SERVICE>_REPLICAS}
   */
  int replicas(String service) {
    return number("BOOKSTORE_" + service.toUpperCase() + "_REPLICAS");
  }

  /**
   * @return the services cluster.conf gives a replica count ({@code BOOKSTORE_<SERVICE>_REPLICAS})
   */
  List<String> replicatedServices() {
    return defaults.keySet().stream()
        .filter(name -> name.matches("BOOKSTORE_[A-Z]+_REPLICAS"))
        .map(name -> name.substring("BOOKSTORE_".length(), name.length() - "_REPLICAS".length()))
        .map(String::toLowerCase)
        .sorted()
        .toList();
  }
}
