package bookstore.bench.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Kills, restarts and otherwise breaks nodes through the store's own script, {@code
 * $BOOKSTORE_HOME/bookstore kill NODE}, {@code restart NODE}, {@code freeze NODE} and so on; the
 * script finds the cluster from the environment it inherits ({@code BOOKSTORE_RUN_DIR}, {@code
 * BOOKSTORE_PORT_OFFSET}), which {@code ./bookstore bench} sets.
 */
public final class ClusterControl {
  private final Path script;

  /**
   * @param home the store's checkout, holding the {@code bookstore} script
   */
  public ClusterControl(Path home) {
    this.script = home.resolve("bookstore");
  }

  /**
   * @return control through {@code $BOOKSTORE_HOME/bookstore}, or empty when that is not set
   */
  public static Optional<ClusterControl> fromEnvironment() {
    String home = System.getenv("BOOKSTORE_HOME");
    return home == null || home.isBlank() || !Files.isExecutable(Path.of(home, "bookstore"))
        ? Optional.empty()
        : Optional.of(new ClusterControl(Path.of(home)));
  }

  /**
   * The cluster's run directory, where {@code ./bookstore} keeps each node's files ({@code
   * <node>/pid}, {@code <node>/node.log}): {@code BOOKSTORE_RUN_DIR} as {@code ./bookstore bench}
   * exports it, resolved as the script resolves it (a relative path against {@code
   * BOOKSTORE_HOME}).
   *
   * @return it, or empty when {@code BOOKSTORE_RUN_DIR} is not set (the bench was not started by
   *     {@code ./bookstore bench})
   */
  public static Optional<Path> runDirectory() {
    return runDirectory(System.getenv());
  }

  /**
   * @param environment the variables to read: {@code BOOKSTORE_RUN_DIR}, {@code BOOKSTORE_HOME}
   * @return the run directory they name, or empty when {@code BOOKSTORE_RUN_DIR} is not set
   * @see #runDirectory()
   */
  public static Optional<Path> runDirectory(Map<String, String> environment) {
    String dir = environment.get("BOOKSTORE_RUN_DIR");
    if (dir == null || dir.isBlank()) {
      return Optional.empty();
    }
    Path path = Path.of(dir);
    String home = environment.get("BOOKSTORE_HOME");
    if (!path.isAbsolute() && home != null && !home.isBlank()) {
      path = Path.of(home).resolve(path);
    }
    return Optional.of(path.toAbsolutePath().normalize());
  }

  /**
   * SIGKILLs a node and waits for the script to return (a second or so).
   *
   * @param node e.g. {@code catalog-3}
   * @throws IllegalStateException when the script fails
   */
  public void kill(String node) {
    run(Duration.ofSeconds(30), "kill", node);
  }

  /**
   * Runs {@code bookstore ARGS} and waits for it, e.g. {@code freeze catalog-3}, {@code restart
   * order-1} (which returns once the node is ready) or {@code status}.
   *
   * @param timeout how long it may take
   * @param args the command and its arguments
   * @return its output (standard output and error)
   * @throws IllegalStateException when it fails, takes longer than {@code timeout} (it is killed
   *     then) or cannot be started
   */
  public String run(Duration timeout, String... args) {
    String command = "bookstore " + String.join(" ", args);
    try {
      Process process = start(null, args);
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(command + " took over " + timeout.toSeconds() + " s");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(command + " failed: " + output);
      }
      return output;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + script, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * Starts {@code bookstore restart NODE} in the background; it returns once the node is ready,
   * which can take a minute or more.
   *
   * @param node e.g. {@code catalog-3}
   * @param log where the script's output goes
   * @return the running script
   */
  public Process restartInBackground(String node, Path log) {
    try {
      return start(log, "restart", node);
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + script, e);
    }
  }

  private Process start(Path log, String... args) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(script.toString()).redirectErrorStream(true);
    builder.command().addAll(java.util.List.of(args));
    builder.environment().remove("BOOKSTORE_URL");
    if (log != null) {
      builder.redirectOutput(log.toFile());
    }
    return builder.start();
  }
}
