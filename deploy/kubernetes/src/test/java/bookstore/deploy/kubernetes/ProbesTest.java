package bookstore.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.Probe;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each node's probes: the Payara nodes are ready on {@code /health/ready} and live on {@code
 * /health/live} of their HTTP port, behind a startup probe that gives Payara Micro time to start;
 * the broker is ready when its port accepts connections.
 */
class ProbesTest {
  /** The nodes that run Payara Micro (the broker is a plain JVM). */
  private static final List<String> PAYARA_NODES = List.of("frontend", "catalog", "order");

  /** The images' contract: the HTTP port of every Payara node. */
  private static final int PAYARA_PORT = 8080;

  /**
   * Payara Micro takes 30-60 s to start here; a start may take twice that on a busy node before
   * liveness may judge it.
   */
  private static final int SLOWEST_START_SECONDS = 120;

  private static Manifests manifests;

  @BeforeAll
  static void load() {
    manifests = Manifests.load();
  }

  @Test
  void payaraNodesAreReadyOnHealthReadyAndLiveOnHealthLiveOfTheirHttpPort() {
    for (String name : PAYARA_NODES) {
      Container container = manifests.workload(name).container();
      assertHttpGet(container, container.getReadinessProbe(), "/health/ready", name + " readiness");
      assertHttpGet(container, container.getLivenessProbe(), "/health/live", name + " liveness");
    }
  }

  @Test
  void payaraNodesHaveAStartupProbeThatOutlastsASlowStart() {
    for (String name : PAYARA_NODES) {
      Container container = manifests.workload(name).container();
      Probe startup = container.getStartupProbe();
      assertNotNull(startup, name + " has a startup probe");
      assertHttpGet(container, startup, "/health/live", name + " startup");
      int budget =
          Optional.ofNullable(startup.getPeriodSeconds()).orElse(10)
              * Optional.ofNullable(startup.getFailureThreshold()).orElse(3);
      assertTrue(budget >= SLOWEST_START_SECONDS, name + ": " + budget + " s to start");
    }
  }

  @Test
  void brokerIsReadyAndLiveWhenItsPortAcceptsConnections() {
    Container broker = manifests.workload("broker").container();
    int port = ClusterConf.load(manifests.checkout).number("BOOKSTORE_BROKER_PORT");
    for (Probe probe :
        List.of(broker.getReadinessProbe(), broker.getLivenessProbe(), broker.getStartupProbe())) {
      assertNotNull(probe.getTcpSocket(), "a TCP probe");
      assertEquals(
          port,
          Manifests.port(broker, probe.getTcpSocket().getPort()).orElseThrow().getContainerPort());
    }
  }

  private static void assertHttpGet(Container container, Probe probe, String path, String what) {
    assertNotNull(probe, what);
    HTTPGetAction get = probe.getHttpGet();
    assertNotNull(get, what + " is an HTTP GET");
    assertEquals(path, get.getPath(), what);
    assertEquals(
        PAYARA_PORT,
        Manifests.port(container, get.getPort())
            .orElseThrow(() -> new AssertionError(what + ": no such container port"))
            .getContainerPort(),
        what);
  }
}
