package bookstore.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The manifests' defaults are those of {@code payara-config/cluster.conf}: replica counts, the
 * broker's port, the catalog's data and restock interval, each JVM's heap and options, and the
 * memory and disruption budgets that follow from them.
 */
class ClusterConfDefaultsTest {
  /**
   * What a Payara Micro node or the broker needs beyond its heap (metaspace, code cache, thread
   * stacks, direct buffers): a container limit closer to the heap than this gets the JVM killed.
   */
  private static final long NON_HEAP_ROOM = 256L << 20;

  private static Manifests manifests;
  private static ClusterConf conf;

  @BeforeAll
  static void load() {
    manifests = Manifests.load();
    conf = ClusterConf.load(manifests.checkout);
  }

  @Test
  void replicaStatefulSetsHaveTheReplicaCountsOfClusterConf() {
    List<String> services = conf.replicatedServices();
    assertEquals(
        services,
        manifests.replicaSets().stream().map(Manifests.Workload::name).sorted().toList(),
        "one Parallel StatefulSet per service with BOOKSTORE_<SERVICE>_REPLICAS");
    for (String service : services) {
      assertEquals(conf.replicas(service), manifests.workload(service).replicas(), service);
    }
  }

  @Test
  void brokerPortIsBookstoreBrokerPortEverywhere() {
    int port = conf.number("BOOKSTORE_BROKER_PORT");
    assertEquals(
        String.valueOf(port), manifests.config().getData().get("BOOKSTORE_BROKER_PORT"), "config");
    Manifests.Workload broker = manifests.workload("broker");
    List<ContainerPort> ports = broker.container().getPorts();
    assertEquals(List.of(port), ports.stream().map(ContainerPort::getContainerPort).toList());
    Service service = manifests.one(Service.class, broker.serviceName());
    service
        .getSpec()
        .getPorts()
        .forEach(
            servicePort -> {
              assertEquals(port, servicePort.getPort(), "Service port");
              assertEquals(
                  port,
                  Manifests.port(broker.container(), servicePort.getTargetPort())
                      .orElseThrow()
                      .getContainerPort(),
                  "Service target port");
            });
    // the broker's image listens where its entry point says (-Dbroker.port): no variable moves it
    assertEquals(port, brokerImagePort(), "-Dbroker.port of the broker image (deploy/images)");
    assertFalse(
        manifests.environment(broker.container()).names().contains("BOOKSTORE_BROKER_PORT"),
        "the broker reads no BOOKSTORE_BROKER_PORT: setting it would change nothing");
  }

  @Test
  void catalogSettingsAreTheDefaultsOfClusterConf() {
    var environment = manifests.environment(manifests.workload("catalog").container());
    for (String name : List.of("BOOKSTORE_CATALOG_DATA", "BOOKSTORE_RESTOCK_INTERVAL_MS")) {
      assertEquals(conf.get(name), environment.value(name), name);
    }
  }

  @Test
  void javaOptionsCarryTheHeapAndJvmOptionsOfClusterConf() {
    Map<String, List<String>> expected =
        Map.of(
            "broker", List.of("-Xmx" + conf.get("BOOKSTORE_BROKER_HEAP"), "-XX:+UseSerialGC"),
            "frontend", withHeap(conf.words("BOOKSTORE_FRONTEND_JVM_OPTS")),
            "catalog", withHeap(conf.words("BOOKSTORE_NODE_JVM_OPTS")),
            "order", withHeap(conf.words("BOOKSTORE_NODE_JVM_OPTS")));
    assertEquals(
        expected.keySet(),
        manifests.workloads().stream()
            .map(Manifests.Workload::name)
            .collect(java.util.stream.Collectors.toSet()),
        "every node is covered");
    expected.forEach(
        (name, options) -> {
          List<String> actual = javaOptions(manifests.workload(name).container());
          assertTrue(actual.containsAll(options), name + ": " + actual + " has " + options);
          assertEquals(
              1, actual.stream().filter(o -> o.startsWith("-Xmx")).count(), name + ": one -Xmx");
        });
  }

  @Test
  void theImagesCommandLineCarriesNoJvmOptionOfItsOwn() {
    // JAVA_TOOL_OPTIONS is the one way the JVM options reach a node: an option on the start
    // script's java command would repeat it, or override it
    for (String role : List.of("frontend", "catalog", "order")) {
      Manifests.Workload workload = manifests.workload(role);
      List<String> options =
          StartNode.run(manifests, workload, StartNode.podName(workload, 0)).jvmOptions();
      assertEquals(
          List.of(),
          options.stream().filter(o -> !o.startsWith("-Dderby.stream.error.file=")).toList(),
          role + ": JVM options on start-node's command line");
    }
  }

  @Test
  void memoryLimitsLeaveRoomBeyondTheHeap() {
    for (Manifests.Workload workload : manifests.workloads()) {
      Container container = workload.container();
      String heap =
          javaOptions(container).stream()
              .filter(option -> option.startsWith("-Xmx"))
              .findFirst()
              .orElseThrow()
              .substring("-Xmx".length());
      Map<String, Quantity> limits = container.getResources().getLimits();
      Map<String, Quantity> requests = container.getResources().getRequests();
      assertNotNull(limits.get("memory"), workload.name() + " has a memory limit");
      long limit = Manifests.bytes(limits.get("memory"));
      assertTrue(
          limit >= Manifests.bytes(heap) + NON_HEAP_ROOM,
          workload.name() + ": limit " + limit + " for a heap of " + heap);
      assertEquals(limit, Manifests.bytes(requests.get("memory")), "memory request = limit");
      assertNotNull(requests.get("cpu"), workload.name() + " requests CPU");
      assertEquals(null, limits.get("cpu"), workload.name() + ": no CPU limit (slow starts)");
    }
  }

  @Test
  void disruptionBudgetsKeepAMajorityOfEachReplicaSet() {
    List<PodDisruptionBudget> budgets = manifests.all(PodDisruptionBudget.class);
    for (Manifests.Workload set : manifests.replicaSets()) {
      List<PodDisruptionBudget> mine =
          budgets.stream()
              .filter(
                  budget ->
                      Manifests.selects(
                          budget.getSpec().getSelector().getMatchLabels(), set.podLabels()))
              .toList();
      assertEquals(1, mine.size(), set.name() + " has one PodDisruptionBudget");
      assertEquals(
          set.replicas() / 2 + 1,
          mine.get(0).getSpec().getMinAvailable().getIntVal(),
          set.name() + ": a majority of " + set.replicas());
    }
  }

  private static List<String> withHeap(List<String> options) {
    List<String> all = new java.util.ArrayList<>(options);
    all.add("-Xmx" + conf.get("BOOKSTORE_NODE_HEAP"));
    all.add("-XX:+UseSerialGC");
    return all;
  }

  /** The {@code -Dbroker.port} of the broker image's entry point in deploy/images/pom.xml. */
  private static int brokerImagePort() {
    try {
      Matcher arg =
          Pattern.compile("<arg>-Dbroker\\.port=(\\d+)</arg>")
              .matcher(Files.readString(manifests.checkout.resolve("deploy/images/pom.xml")));
      assertTrue(arg.find(), "deploy/images/pom.xml gives the broker -Dbroker.port");
      return Integer.parseInt(arg.group(1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> javaOptions(Container container) {
    String options = manifests.environment(container).value("JAVA_TOOL_OPTIONS");
    return Arrays.stream(options.strip().split("\\s+")).toList();
  }
}
