package bookstore.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment {@code ./bookstore} gives each kind of Payara node, read from its function {@code
 * launch_node}: the variables every node gets ({@code env=(...)} before the {@code case}) and those
 * of each branch ({@code catalog-*)}, {@code order-*)}, {@code frontend)}).
 */
final class Launcher {
  private static final Pattern ASSIGNMENT =
      Pattern.compile("(?<![$\\w])(BOOKSTORE_[A-Z0-9_]+)=(\"[^\"]*\"|[^\\s)]*)");
  private static final Pattern BRANCH = Pattern.compile("^\\s*([a-z]+)(-\\*)?\\)");

  private Launcher() {}

  /**
   * @param checkout the repository's root directory
   * @return by role ({@code catalog}, {@code order}, {@code frontend}): the variables ./bookstore
   *     sets for a node of that role, each with its value as the script writes it (quotes removed;
   *     a value with a {@code $} is computed by the script)
   */
  static Map<String, Map<String, String>> environments(Path checkout) {
    List<String> lines;
    try {
      lines = Files.readAllLines(checkout.resolve("bookstore"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int start =
        lines.indexOf(
            lines.stream()
                .filter(l -> l.startsWith("launch_node()"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("./bookstore defines launch_node")));
    Map<String, String> common = new TreeMap<>();
    Map<String, Map<String, String>> byRole = new LinkedHashMap<>();
    boolean inCase = false;
    String role = null;
    for (String line : lines.subList(start + 1, lines.size())) {
      if (line.equals("}")) {
        break;
      }
      if (line.strip().startsWith("#")) {
        continue;
      }
      if (line.contains("case \"$node\" in")) {
        inCase = true;
      }
      Matcher branch = BRANCH.matcher(line);
      if (inCase && branch.find()) {
        role = branch.group(1);
      }
      Matcher assignment = ASSIGNMENT.matcher(line);
      while (assignment.find()) {
        String value = assignment.group(2).replace("\"", "");
        if (!inCase) {
          common.put(assignment.group(1), value);
        } else if (role != null) {
          byRole.computeIfAbsent(role, r -> new TreeMap<>()).put(assignment.group(1), value);
        }
      }
      if (line.contains(";;")) {
        role = null;
      }
    }
    assertTrue(!common.isEmpty() && !byRole.isEmpty(), "launch_node sets variables per node");
    Map<String, Map<String, String>> environments = new LinkedHashMap<>();
    byRole.forEach(
        (name, variables) -> {
          Map<String, String> all = new TreeMap<>(common);
          all.putAll(variables);
          environments.put(name, all);
        });
    return environments;
  }
}
