package bookstore.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The entry script of the Payara node images, {@code deploy/images/src/main/sh/start-node}, run as
 * a pod would run it: in its dry-run mode ({@code BOOKSTORE_DRY_RUN=1}), with {@code sh}, with the
 * pod's host name, the role its image sets ({@code BOOKSTORE_ROLE}) and the environment the
 * manifest gives the container (a Secret's variables get a placeholder) and nothing else. It prints
 * its settings, the names of those it derived itself and the java command it would run: so the
 * tests learn what the image derives from the script itself, not from a list of their own.
 */
final class StartNode {
  /** The script, in the checkout. */
  static final String SCRIPT = "deploy/images/src/main/sh/start-node";

  /**
   * One dry run.
   *
   * @param settings every variable the script printed, by name: what the node gets
   * @param derived the names of those the script set itself (the environment did not give them)
   * @param command the java command, split into words, {@code java} first
   */
  record DryRun(Map<String, String> settings, Set<String> derived, List<String> command) {
    /**
     * @return the JVM options of the command: its words before {@code -jar}
     */
    List<String> jvmOptions() {
      return command.subList(1, command.indexOf("-jar"));
    }
  }

  private StartNode() {}

  /**
   * @param manifests the manifests and their checkout
   * @param workload a Payara node's workload (its name is the role its image sets)
   * @param pod the pod's name, its host name
   * @return what the script printed; fails when it refused to start the node
   */
  static DryRun run(Manifests manifests, Manifests.Workload workload, String pod) {
    Path script = manifests.checkout.resolve(SCRIPT);
    assertTrue(Files.isRegularFile(script), script + " exists");
    Manifests.Environment environment = manifests.environment(workload.container());
    Path tmp = null;
    try {
      tmp = Files.createTempDirectory("start-node");
      ProcessBuilder builder =
          new ProcessBuilder("sh", script.toString())
              .redirectError(tmp.resolve("stderr").toFile())
              .redirectOutput(tmp.resolve("stdout").toFile());
      Map<String, String> env = builder.environment();
      env.clear();
      env.put("PATH", "/usr/bin:/bin");
      env.put("TMPDIR", tmp.toString());
      env.putAll(environment.values());
      environment.secrets().keySet().forEach(name -> env.put(name, "(from a Secret)"));
      env.put("BOOKSTORE_ROLE", workload.name());
      env.put("HOSTNAME", pod);
      env.put("BOOKSTORE_DRY_RUN", "1");
      Process process = builder.start();
      assertTrue(process.waitFor(30, TimeUnit.SECONDS), "start-node ended");
      String stderr = Files.readString(tmp.resolve("stderr"), StandardCharsets.UTF_8);
      assertTrue(process.exitValue() == 0, pod + ": start-node refused: " + stderr);
      Map<String, String> settings = new LinkedHashMap<>();
      Set<String> derived = new TreeSet<>();
      List<String> command = null;
      for (String line : Files.readAllLines(tmp.resolve("stdout"))) {
        if (line.startsWith("exec java ")) {
          command = List.of(line.substring("exec ".length()).split(" "));
        } else if (line.startsWith("derived:")) {
          Arrays.stream(line.substring("derived:".length()).strip().split(" +"))
              .filter(name -> !name.isEmpty())
              .forEach(derived::add);
        } else if (line.matches("BOOKSTORE_[A-Z0-9_]+=.*")) {
          settings.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
        }
      }
      assertNotNull(command, pod + ": start-node printed its command");
      assertTrue(settings.keySet().containsAll(derived), pod + ": it prints what it derives");
      return new DryRun(settings, derived, command);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } finally {
      delete(tmp);
    }
  }

  /**
   * @return a name the pod of that workload may have: a StatefulSet's pod of that ordinal, else a
   *     Deployment's pod name
   */
  static String podName(Manifests.Workload workload, int ordinal) {
    return workload.serviceName() != null
        ? workload.podNames().get(ordinal)
        : workload.name() + "-7d9f8c6b5-x2x7q";
  }

  /**
   * @return the container's environment as the node sees it: the manifest's, and what the image's
   *     script adds to it (a Secret's variables by name only, with the script's placeholder)
   */
  static Map<String, String> nodeEnvironment(
      Manifests manifests, Manifests.Workload workload, String pod) {
    Map<String, String> all = new TreeMap<>(manifests.environment(workload.container()).values());
    all.putAll(run(manifests, workload, pod).settings());
    return all;
  }

  private static void delete(Path folder) {
    if (folder == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      List<Path> all = new ArrayList<>(files.toList());
      all.sort(Comparator.reverseOrder());
      for (Path file : all) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
