package bookstore.systemtests;

import static bookstore.systemtests.Poll.await;

import bookstore.api.internal.ReplicaStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The cluster the end-to-end tests share: started once per test JVM with {@code ./bookstore start}
 * (the command a user runs), in its own run directory and with every port offset by {@link
 * #PORT_OFFSET}, so a store a developer has running is not touched. Stopped with {@code ./bookstore
 * stop} when the JVM exits. Fault tests kill and restart real node processes through the same
 * script ({@code kill} sends SIGKILL to the node's PID).
 */
public final class Cluster {
  /** Added to every default port: front end 9080, catalog-N 908N, order-N 909N, broker 62616. */
  public static final int PORT_OFFSET = 1000;

  /** Replicas per service; the highest id is the primary. */
  public static final int REPLICAS = 3;

  private static Cluster shared;

  private final Path root;
  private final Path runDir;
  private final int portOffset;

  /** {@code BOOKSTORE_NETNS}: the prefix of the nodes' network namespaces, or null (loopback). */
  private final String netns;

  private final Map<Path, String> secrets = new ConcurrentHashMap<>();

  private Cluster(Path root, Path runDir, int portOffset, String netns) {
    this.root = root;
    this.runDir = runDir;
    this.portOffset = portOffset;
    this.netns = netns;
  }

  /**
   * A store of its own that nothing has started: {@code ./bookstore} run through it works in {@code
   * runDir} on ports offset by {@code portOffset}, beside the shared cluster.
   *
   * @param runDir its run directory, relative to the system tests' folder
   * @param portOffset added to every default port (not {@link #PORT_OFFSET}: the shared cluster's)
   * @return the store, empty: its run directory is deleted
   */
  public static Cluster separate(String runDir, int portOffset) {
    Cluster cluster =
        new Cluster(repositoryRoot(), Path.of(runDir).toAbsolutePath(), portOffset, null);
    cluster.deleteRunDir();
    return cluster;
  }

  /**
   * A store of its own whose every node runs in a network namespace of its own ({@code
   * BOOKSTORE_NETNS}; the brokers share one), on the default ports of its own address in
   * 198.18.0.0/24, so that a test can cut a node off ({@link #partition}). Nothing is made yet:
   * {@code ./bookstore net up} makes the namespaces (as root).
   *
   * @param runDir its run directory, relative to the system tests' folder
   * @param prefix the namespaces' name prefix (a few letters: interface names hold 15 characters)
   * @return the store, empty: its run directory is deleted
   */
  public static Cluster inNetworkNamespaces(String runDir, String prefix) {
    Cluster cluster = new Cluster(repositoryRoot(), Path.of(runDir).toAbsolutePath(), 0, prefix);
    cluster.deleteRunDir();
    return cluster;
  }

  /**
   * @param node a node's name
   * @return the address it listens on: 127.0.0.1, or its namespace's (as {@code ./bookstore}'s
   *     {@code host_of} gives it)
   */
  private String host(String node) {
    if (netns == null) {
      return "127.0.0.1";
    }
    if (node.equals("frontend")) {
      return "198.18.0.3";
    }
    int id = Integer.parseInt(node.substring(node.indexOf('-') + 1));
    return "198.18.0." + ((node.startsWith("catalog") ? 10 : 20) + id);
  }

  private static Path repositoryRoot() {
    return Path.of(System.getProperty("bookstore.root", "..")).toAbsolutePath().normalize();
  }

  /**
   * @return the repository's root folder, where {@code ./bookstore} is
   */
  public Path root() {
    return root;
  }

  /** The store whose admin password and cluster secret {@link Http} sends; null: the shared one. */
  private static volatile Cluster requests;

  /**
   * @return the store whose admin password and cluster secret {@link Http} sends: the shared
   *     cluster (started on first use), unless a test of a store of its own chose that one
   */
  public static Cluster forRequests() {
    Cluster chosen = requests;
    return chosen != null ? chosen : shared();
  }

  /**
   * @param cluster the store {@link Http}'s requests authenticate to from now on; null: the shared
   *     cluster again
   */
  public static void sendRequestsTo(Cluster cluster) {
    requests = cluster;
  }

  /**
   * @return the running cluster, started on first use
   */
  public static synchronized Cluster shared() {
    if (shared == null) {
      Path runDir =
          Path.of(System.getProperty("bookstore.runDir", "target/it-run")).toAbsolutePath();
      Cluster cluster = new Cluster(repositoryRoot(), runDir, PORT_OFFSET, null);
      cluster.deleteRunDir();
      cluster.script(Duration.ofMinutes(8), "start");
      Runtime.getRuntime()
          .addShutdownHook(new Thread(() -> cluster.script(Duration.ofMinutes(2), "stop")));
      shared = cluster;
    }
    return shared;
  }

  /**
   * @return the front end's base URL
   */
  public String frontendUrl() {
    return "http://" + host("frontend") + ":" + (8080 + portOffset);
  }

  /**
   * @param replicaId catalog replica id
   * @return that catalog node's base URL
   */
  public String catalogUrl(int replicaId) {
    return "http://" + host("catalog-" + replicaId) + ":" + (8080 + replicaId + portOffset);
  }

  /**
   * @param replicaId order replica id
   * @return that order node's base URL
   */
  public String orderUrl(int replicaId) {
    return "http://" + host("order-" + replicaId) + ":" + (8090 + replicaId + portOffset);
  }

  /**
   * @return the admin's password, as {@code ./bookstore start} generated it into {@code
   *     admin-password}
   */
  public String adminPassword() {
    return secret(adminPasswordFile());
  }

  /**
   * @return the secret the nodes send one another, as {@code ./bookstore start} generated it
   */
  public String clusterSecret() {
    return secret(runDir.resolve("cluster-secret"));
  }

  /**
   * @param file a secret {@code ./bookstore start} generated (the same for the cluster's life)
   * @return its content, read once
   */
  private String secret(Path file) {
    return secrets.computeIfAbsent(
        file,
        f -> {
          try {
            return Files.readString(f).strip();
          } catch (IOException e) {
            throw new IllegalStateException("no secret in " + f, e);
          }
        });
  }

  /**
   * @return the file {@code ./bookstore start} generates the admin's password into
   */
  public Path adminPasswordFile() {
    return runDir.resolve("admin-password");
  }

  /**
   * @return the run directory: each node's database, log and PID below {@code <node>/}
   */
  public Path runDir() {
    return runDir;
  }

  /**
   * @param service "catalog" or "order"
   * @return the base URLs of its replicas, by id
   */
  public List<String> replicaUrls(String service) {
    List<String> urls = new ArrayList<>();
    for (int id = 1; id <= REPLICAS; id++) {
      urls.add(service.equals("catalog") ? catalogUrl(id) : orderUrl(id));
    }
    return urls;
  }

  /**
   * Waits, up to 60 s, until every replica of a service reports the same sequence and digest (SPEC
   * guarantee 4).
   *
   * @param service "catalog" or "order"
   * @return the status they agree on (of replica 1)
   * @throws ConditionTimeoutException when they do not agree in time (their status and snapshot are
   *     kept, see {@link #keepEvidence})
   */
  public ReplicaStatus awaitConvergence(String service) {
    try {
      return await("every " + service + " replica at the same sequence and digest")
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  replicaUrls(service).stream()
                      .map(u -> Http.body(Http.node(u + "/replica"), ReplicaStatus.class))
                      .toList(),
              all ->
                  all.stream().map(s -> s.lastSequence() + "/" + s.digest()).distinct().count()
                      == 1)
          .get(0);
    } catch (ConditionTimeoutException | AssertionError diverged) {
      keepEvidence(service);
      throw diverged;
    }
  }

  /**
   * Copies every replica's status and snapshot to {@code target/divergence/<service>-<id>-*.json},
   * to compare replicas that failed to converge (each node's database, with its write log, stays in
   * the run directory).
   */
  void keepEvidence(String service) {
    Path dir = runDir.resolveSibling("divergence");
    List<String> urls = replicaUrls(service);
    for (int id = 1; id <= urls.size(); id++) {
      try {
        Files.createDirectories(dir);
        Files.writeString(
            dir.resolve(service + "-" + id + "-status.json"),
            Http.node(urls.get(id - 1) + "/replica").body());
        Files.writeString(
            dir.resolve(service + "-" + id + "-snapshot.json"),
            Http.node(urls.get(id - 1) + "/replica/snapshot").body());
      } catch (IOException | RuntimeException e) {
        System.out.println("could not keep the evidence of " + service + "-" + id + ": " + e);
      }
    }
  }

  /**
   * @param node node name, e.g. {@code catalog-1}: SIGKILL its process
   */
  public void kill(String node) {
    script(Duration.ofSeconds(30), "kill", node);
  }

  /**
   * @param node node name: SIGSTOP it ({@code ./bookstore freeze}): alive, holding its sockets,
   *     silent
   */
  public void freeze(String node) {
    script(Duration.ofSeconds(30), "freeze", node);
  }

  /**
   * @param node node name: SIGCONT it ({@code ./bookstore thaw}) after {@link #freeze}
   */
  public void thaw(String node) {
    script(Duration.ofSeconds(30), "thaw", node);
  }

  /**
   * @param node node name: cut it off from every other node ({@code ./bookstore partition}: its
   *     link to the namespaces' bridge goes down; packets are dropped, nothing is refused)
   */
  public void partition(String node) {
    script(Duration.ofSeconds(30), "partition", node);
  }

  /**
   * @param node node name: cut it off from {@code peer} only (a route to nowhere in its namespace)
   * @param peer another node's name
   */
  public void partition(String node, String peer) {
    script(Duration.ofSeconds(30), "partition", node, peer);
  }

  /**
   * @param node node name: undo {@link #partition(String)} ({@code ./bookstore heal})
   */
  public void heal(String node) {
    script(Duration.ofSeconds(30), "heal", node);
  }

  /**
   * @param node node name: undo {@link #partition(String, String)}
   * @param peer the other node's name
   */
  public void heal(String node, String peer) {
    script(Duration.ofSeconds(30), "heal", node, peer);
  }

  /**
   * @param node node name: start it again and wait until it reports ready
   */
  public void restart(String node) {
    script(Duration.ofMinutes(5), "restart", node);
  }

  /**
   * A node's row in {@code ./bookstore status}.
   *
   * @param pid its process id, or "-" when it is stopped
   * @param health its health: UP, DOWN, "-" (not answering), STANDBY (a broker waiting to take
   *     over) or "stopped"
   */
  public record NodeStatus(String pid, String health) {}

  /**
   * Runs {@code ./bookstore status} (within 60 s) and reads its table.
   *
   * @return every node of the cluster, by name in alphabetical order, and its PID and health as the
   *     table shows them
   * @throws IllegalStateException when the command fails or takes too long
   */
  public Map<String, NodeStatus> status() {
    Map<String, NodeStatus> nodes = new TreeMap<>();
    for (String line : script(Duration.ofSeconds(60), "status").split("\n")) {
      String[] columns = line.trim().split("\\s+"); // NODE PID PORT HEALTH
      if (columns.length >= 4 && !columns[0].equals("NODE")) {
        nodes.put(columns[0], new NodeStatus(columns[1], columns[3]));
      }
    }
    return nodes;
  }

  /**
   * Runs {@code ./bookstore ARGS} against this cluster and returns its output.
   *
   * @param timeout how long it may take
   * @param args the command and its arguments
   * @return standard output and error, merged
   * @throws IllegalStateException when it fails or takes too long
   */
  public String script(Duration timeout, String... args) {
    Outcome outcome = run(timeout, args);
    if (outcome.exitCode() != 0) {
      throw new IllegalStateException(
          "./bookstore " + String.join(" ", args) + " failed: " + outcome.output());
    }
    return outcome.output();
  }

  /**
   * How a run of {@code ./bookstore} ended.
   *
   * @param exitCode its exit status
   * @param output standard output and error, merged
   */
  public record Outcome(int exitCode, String output) {}

  /**
   * Runs {@code ./bookstore ARGS} against this cluster, whatever its exit status.
   *
   * @param timeout how long it may take
   * @param args the command and its arguments
   * @return its exit status and output
   * @throws IllegalStateException when it takes too long or cannot be started
   */
  public Outcome run(Duration timeout, String... args) {
    List<String> command = new ArrayList<>();
    command.add(root.resolve("bookstore").toString());
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("BOOKSTORE_RUN_DIR", runDir.toString());
    env.put("BOOKSTORE_PORT_OFFSET", String.valueOf(portOffset));
    if (netns != null) {
      env.put("BOOKSTORE_NETNS", netns);
    } else {
      env.remove("BOOKSTORE_NETNS");
    }
    env.put("BOOKSTORE_CATALOG_REPLICAS", String.valueOf(REPLICAS));
    env.put("BOOKSTORE_ORDER_REPLICAS", String.valueOf(REPLICAS));
    // stock that runs out stays out: the tests count it (a test turns restock on for itself)
    env.putIfAbsent("BOOKSTORE_RESTOCK_INTERVAL_MS", "0");
    env.remove("BOOKSTORE_URL");
    env.remove(
        "BOOKSTORE_ADMIN_PASSWORD"); // the tests use the password and secret the start generates
    env.remove("BOOKSTORE_CLUSTER_SECRET");
    try {
      Process process = builder.start();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "./bookstore " + String.join(" ", args) + " took over " + timeout);
      }
      String text = new String(output);
      System.out.println("$ ./bookstore " + String.join(" ", args) + "\n" + text);
      return new Outcome(process.exitValue(), text);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void deleteRunDir() {
    if (!Files.exists(runDir)) {
      return;
    }
    script(Duration.ofMinutes(2), "stop");
    try (Stream<Path> paths = Files.walk(runDir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot clear " + runDir, e);
    }
  }
}
