package bookstore.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code compose.yaml} runs what the manifests run, on one host: a container per pod, named like
 * the pod, from the same image with the same environment, its state in a named volume where the pod
 * mounts its claim, the Secret's files where the pod mounts the Secret, and only the front end
 * published, on 127.0.0.1.
 */
class ComposeTest {
  private static Manifests manifests;
  private static Map<String, Object> compose;
  private static Map<String, Map<String, Object>> services;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void load() {
    manifests = Manifests.load();
    compose = YamlFiles.load(manifests.directory.resolve(Manifests.COMPOSE));
    services = (Map<String, Map<String, Object>>) compose.get("services");
    assertNotNull(services, "compose.yaml has services");
  }

  @Test
  void composeRunsAContainerPerPodNamedLikeThePod() {
    Set<String> expected = new TreeSet<>();
    for (Manifests.Workload workload : manifests.workloads()) {
      expected.addAll(containerNames(workload));
    }
    assertEquals(expected, new TreeSet<>(services.keySet()));
    for (Manifests.Workload set : manifests.replicaSets()) {
      for (String name : containerNames(set)) {
        Map<String, Object> service = services.get(name);
        assertEquals(name, service.get("hostname"), name + ": the image derives its id from it");
        assertEquals(
            List.of(name + "." + set.serviceName()),
            path(service, "networks", "default", "aliases"),
            name + " answers to its pod's name");
      }
    }
  }

  @Test
  void composeRunsTheSameImages() {
    forEachContainer(
        (name, workload, service) ->
            assertEquals(workload.container().getImage(), service.get("image"), name));
  }

  @Test
  void composeGivesEachContainerThePodsEnvironment() {
    forEachContainer(
        (name, workload, service) -> {
          Manifests.Environment pod = manifests.environment(workload.container());
          Map<String, String> environment = environment(service);
          assertEquals(pod.names(), new TreeSet<>(environment.keySet()), name + ": names");
          pod.values()
              .forEach(
                  (variable, value) ->
                      assertEquals(value, environment.get(variable), name + " " + variable));
          pod.secrets()
              .keySet()
              .forEach(
                  variable ->
                      assertTrue(
                          environment.get(variable).matches("\\$\\{[A-Z_]+:\\?.*}"),
                          name + ": " + variable + " comes from the host's environment (.env)"));
        });
  }

  @Test
  void composePublishesOnlyTheFrontEndAndOnlyOnLoopback() {
    Set<String> routed = new HashSet<>();
    Map<String, Integer> targetPorts = new LinkedHashMap<>();
    for (Service service : manifests.all(Service.class)) {
      if ("None".equals(service.getSpec().getClusterIP())) {
        continue;
      }
      for (Manifests.Workload workload : manifests.workloads()) {
        if (Manifests.selects(service.getSpec().getSelector(), workload.podLabels())) {
          routed.addAll(containerNames(workload));
          service
              .getSpec()
              .getPorts()
              .forEach(
                  port ->
                      targetPorts.put(
                          workload.name(),
                          Manifests.port(workload.container(), port.getTargetPort())
                              .orElseThrow()
                              .getContainerPort()));
        }
      }
    }
    assertEquals(Set.of("frontend"), routed, "what a Service routes to from outside the pods");
    forEachContainer(
        (name, workload, service) -> {
          @SuppressWarnings("unchecked")
          List<Object> ports = (List<Object>) service.getOrDefault("ports", List.of());
          if (!routed.contains(name)) {
            assertEquals(List.of(), ports, name + " is not published");
            return;
          }
          assertEquals(1, ports.size(), name);
          String[] parts = String.valueOf(ports.get(0)).split(":");
          assertEquals(3, parts.length, name + ": host address, host port, container port");
          assertEquals("127.0.0.1", parts[0], name + " is published on loopback only");
          assertEquals(String.valueOf(targetPorts.get(workload.name())), parts[2], name);
        });
  }

  @Test
  void composeKeepsStateInANamedVolumeWherePodsMountTheirClaim() {
    @SuppressWarnings("unchecked")
    Map<String, Object> declared = (Map<String, Object>) compose.get("volumes");
    Set<String> used = new HashSet<>();
    forEachContainer(
        (name, workload, service) -> {
          List<String[]> volumes = volumes(service);
          if (workload.serviceName() == null) {
            assertTrue(
                volumes.stream().allMatch(v -> v[0].startsWith(".")),
                name + " keeps no state: bind mounts only");
            return;
          }
          String claim =
              ((io.fabric8.kubernetes.api.model.apps.StatefulSet) workload.object())
                  .getSpec()
                  .getVolumeClaimTemplates()
                  .get(0)
                  .getMetadata()
                  .getName();
          String path =
              workload.container().getVolumeMounts().stream()
                  .filter(m -> m.getName().equals(claim))
                  .findFirst()
                  .orElseThrow()
                  .getMountPath();
          List<String[]> named =
              volumes.stream().filter(v -> !v[0].startsWith(".") && !v[0].startsWith("/")).toList();
          assertEquals(1, named.size(), name + " has one named volume");
          assertEquals(path, named.get(0)[1], name);
          assertTrue(declared.containsKey(named.get(0)[0]), named.get(0)[0] + " is declared");
          assertTrue(used.add(named.get(0)[0]), named.get(0)[0] + " belongs to " + name + " only");
        });
    assertEquals(used, declared.keySet(), "every declared volume is used");
  }

  @Test
  void composeMountsTheSecretFilesReadOnlyWhereThePodsDo() {
    forEachContainer(
        (name, workload, service) -> {
          String secretVolume =
              workload.template().getSpec().getVolumes().stream()
                  .filter(volume -> volume.getSecret() != null)
                  .findFirst()
                  .orElseThrow()
                  .getName();
          VolumeMount mount =
              workload.container().getVolumeMounts().stream()
                  .filter(m -> m.getName().equals(secretVolume))
                  .findFirst()
                  .orElseThrow();
          List<String[]> binds =
              volumes(service).stream().filter(v -> v[1].equals(mount.getMountPath())).toList();
          assertEquals(1, binds.size(), name + " mounts the secrets at " + mount.getMountPath());
          assertEquals("./secrets", binds.get(0)[0], name);
          assertEquals("ro", binds.get(0).length > 2 ? binds.get(0)[2] : "", name + ": read-only");
        });
  }

  @Test
  void composeMemoryLimitsAndStopGracePeriodsAreThePods() {
    forEachContainer(
        (name, workload, service) -> {
          assertEquals(
              Manifests.bytes(workload.container().getResources().getLimits().get("memory")),
              Manifests.bytes(String.valueOf(service.get("mem_limit"))),
              name + ": mem_limit");
          long grace =
              Optional.ofNullable(workload.template().getSpec().getTerminationGracePeriodSeconds())
                  .orElse(30L);
          assertEquals(grace + "s", service.get("stop_grace_period"), name);
        });
  }

  /** A check of one compose service against the workload whose pod it stands for. */
  private interface ContainerCheck {
    void check(String name, Manifests.Workload workload, Map<String, Object> service);
  }

  private static void forEachContainer(ContainerCheck check) {
    for (Manifests.Workload workload : manifests.workloads()) {
      for (String name : containerNames(workload)) {
        Map<String, Object> service = services.get(name);
        assertNotNull(service, "compose.yaml has " + name);
        check.check(name, workload, service);
      }
    }
  }

  /** The replicas' pods by name, catalog-0 ...; any other workload under its own name. */
  private static List<String> containerNames(Manifests.Workload workload) {
    return workload.parallel() ? workload.podNames() : List.of(workload.name());
  }

  private static Map<String, String> environment(Map<String, Object> service) {
    Map<String, String> environment = new LinkedHashMap<>();
    Object declared = service.get("environment");
    if (declared instanceof Map<?, ?> map) {
      map.forEach((key, value) -> environment.put(String.valueOf(key), String.valueOf(value)));
    } else if (declared instanceof List<?> list) {
      for (Object entry : list) {
        String[] pair = String.valueOf(entry).split("=", 2);
        environment.put(pair[0], pair.length > 1 ? pair[1] : "");
      }
    }
    return environment;
  }

  /** The short syntax source:target[:mode] of each volume, split. */
  private static List<String[]> volumes(Map<String, Object> service) {
    List<String[]> volumes = new ArrayList<>();
    for (Object volume : (List<?>) service.getOrDefault("volumes", List.of())) {
      volumes.add(String.valueOf(volume).split(":"));
    }
    return volumes;
  }

  private static Object path(Map<String, Object> map, String... keys) {
    Object value = map;
    for (String key : keys) {
      assertTrue(value instanceof Map<?, ?>, String.join(".", keys));
      value = ((Map<?, ?>) value).get(key);
    }
    return value;
  }
}
