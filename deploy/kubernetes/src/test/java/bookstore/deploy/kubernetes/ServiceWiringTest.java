package bookstore.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How the pods find each other: Services and selectors, the headless Services that give the
 * StatefulSets' pods stable names, and the URL lists built from those names.
 */
class ServiceWiringTest {
  private static Manifests manifests;

  @BeforeAll
  static void load() {
    manifests = Manifests.load();
  }

  @Test
  void everyServiceTargetsAPortThatItsSelectedPodsHave() {
    for (Service service : manifests.all(Service.class)) {
      String name = service.getMetadata().getName();
      List<Manifests.Workload> selected =
          manifests.workloads().stream()
              .filter(w -> Manifests.selects(service.getSpec().getSelector(), w.podLabels()))
              .toList();
      assertEquals(1, selected.size(), "Service " + name + " selects the pods of one workload");
      for (ServicePort port : service.getSpec().getPorts()) {
        IntOrString target =
            Optional.ofNullable(port.getTargetPort()).orElse(new IntOrString(port.getPort()));
        assertTrue(
            Manifests.port(selected.get(0).container(), target).isPresent(),
            "Service " + name + " targets " + target + ", a port of " + selected.get(0).name());
      }
    }
  }

  @Test
  void workloadSelectorsAndAntiAffinityMatchTheirOwnPodLabels() {
    for (Manifests.Workload workload : manifests.workloads()) {
      var selector = workload.selector().getMatchLabels();
      assertTrue(Manifests.selects(selector, workload.podLabels()), workload.name());
      for (Manifests.Workload other : manifests.workloads()) {
        if (!other.name().equals(workload.name())) {
          assertFalse(
              Manifests.selects(selector, other.podLabels()),
              workload.name() + " does not select the pods of " + other.name());
        }
      }
      var affinity = workload.template().getSpec().getAffinity();
      if (affinity != null && affinity.getPodAntiAffinity() != null) {
        for (WeightedPodAffinityTerm term :
            affinity.getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution()) {
          assertEquals(
              selector,
              term.getPodAffinityTerm().getLabelSelector().getMatchLabels(),
              workload.name() + " keeps its own pods apart");
        }
      }
    }
  }

  @Test
  void eachStatefulSetHasTheHeadlessServiceNamedInServiceName() {
    for (Manifests.Workload workload : manifests.workloads()) {
      if (workload.serviceName() == null) {
        continue;
      }
      Service service = manifests.one(Service.class, workload.serviceName());
      assertEquals("None", service.getSpec().getClusterIP(), service.getMetadata().getName());
      assertTrue(
          Manifests.selects(service.getSpec().getSelector(), workload.podLabels()),
          "Service " + workload.serviceName() + " selects the pods of " + workload.name());
    }
  }

  @Test
  void replicaSetsStartInParallelAndPublishTheirNamesBeforeReady() {
    assertFalse(manifests.replicaSets().isEmpty());
    for (Manifests.Workload set : manifests.replicaSets()) {
      Service service = manifests.one(Service.class, set.serviceName());
      assertEquals(
          Boolean.TRUE,
          service.getSpec().getPublishNotReadyAddresses(),
          set.name() + ": peers must resolve each other before any is ready");
      assertTrue(set.replicas() > 1, set.name() + " is replicated");
    }
  }

  @Test
  void replicaPeersListEveryReplicaByIdUnderItsHeadlessService() {
    for (Manifests.Workload set : manifests.replicaSets()) {
      assertEquals(
          peerUrls(set),
          manifests.environment(set.container()).value("BOOKSTORE_REPLICA_PEERS"),
          set.name());
    }
  }

  @Test
  void everyNodeThatCallsAServiceListsEachOfItsReplicas() {
    for (Manifests.Workload set : manifests.replicaSets()) {
      String variable = "BOOKSTORE_" + set.name().toUpperCase() + "_URLS";
      assertEquals(peerUrls(set), manifests.config().getData().get(variable), "config " + variable);
      for (Manifests.Workload workload : manifests.workloads()) {
        var environment = manifests.environment(workload.container());
        if (environment.names().contains(variable)) {
          assertEquals(peerUrls(set), environment.value(variable), workload.name());
        }
      }
    }
    var frontend = manifests.environment(manifests.workload("frontend").container());
    assertEquals(peerUrls(manifests.workload("catalog")), frontend.value("BOOKSTORE_CATALOG_URLS"));
    assertEquals(peerUrls(manifests.workload("order")), frontend.value("BOOKSTORE_ORDER_URLS"));
  }

  @Test
  void brokerHostIsTheBrokerServiceOnItsPort() {
    Manifests.Workload broker = manifests.workload("broker");
    String host = manifests.config().getData().get("BOOKSTORE_BROKER_HOST");
    assertEquals(broker.serviceName(), host);
    Service service = manifests.one(Service.class, host);
    assertEquals(
        List.of(Integer.valueOf(manifests.config().getData().get("BOOKSTORE_BROKER_PORT"))),
        service.getSpec().getPorts().stream().map(ServicePort::getPort).toList());
  }

  @Test
  void theFrontEndAloneHasAClusterIpService() {
    List<Service> routed =
        manifests.all(Service.class).stream()
            .filter(service -> !"None".equals(service.getSpec().getClusterIP()))
            .toList();
    assertEquals(1, routed.size(), "one Service that is not headless");
    Service frontend = routed.get(0);
    assertEquals(
        "ClusterIP", Optional.ofNullable(frontend.getSpec().getType()).orElse("ClusterIP"));
    assertTrue(
        Manifests.selects(
            frontend.getSpec().getSelector(), manifests.workload("frontend").podLabels()));
  }

  /** http://{pod}.{service}:{port} of each pod of the set, by ordinal (replica id - 1). */
  private static String peerUrls(Manifests.Workload set) {
    Container container = set.container();
    Service service = manifests.one(Service.class, set.serviceName());
    ServicePort http = service.getSpec().getPorts().get(0);
    int port = Manifests.port(container, http.getTargetPort()).orElseThrow().getContainerPort();
    assertNotNull(set.serviceName());
    return set.podNames().stream()
        .map(pod -> "http://" + pod + "." + set.serviceName() + ":" + port)
        .collect(Collectors.joining(","));
  }
}
