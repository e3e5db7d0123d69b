package bookstore.deploy.kubernetes;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Plain YAML files that are not Kubernetes objects (the kustomization, the compose file), read with
 * SnakeYAML as fabric8 brings it: maps, lists and strings, anchors and merge keys ({@code <<})
 * resolved as docker compose resolves them.
 */
final class YamlFiles {
  private YamlFiles() {}

  /**
   * @param file a YAML file of one document, a mapping
   * @return that mapping
   */
  static Map<String, Object> load(Path file) {
    try (Reader reader = Files.newBufferedReader(file)) {
      Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
      if (!(document instanceof Map<?, ?>)) {
        throw new AssertionError(file.getFileName() + " is not a YAML mapping");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) document;
      return map;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
