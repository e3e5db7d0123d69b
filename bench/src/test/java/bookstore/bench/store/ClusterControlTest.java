package bookstore.bench.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where the bench finds the cluster's run directory: as {@code ./bookstore} resolves it. */
class ClusterControlTest {
  @Test
  void theRunDirectoryIsTheScriptsResolvedAgainstTheHome() {
    assertEquals(
        Optional.of(Path.of("/srv/store/run")),
        ClusterControl.runDirectory(Map.of("BOOKSTORE_RUN_DIR", "/srv/store/run")));
    assertEquals(
        Optional.of(Path.of("/srv/store/run")),
        ClusterControl.runDirectory(
            Map.of("BOOKSTORE_RUN_DIR", "run", "BOOKSTORE_HOME", "/srv/store")),
        "relative: under the home");
    assertEquals(
        Optional.empty(),
        ClusterControl.runDirectory(Map.of("BOOKSTORE_HOME", "/srv/store")),
        "not set: not run by ./bookstore bench");
  }
}
