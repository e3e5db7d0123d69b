package bookstore.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Secret: every key a pod refers to (through secretKeyRef, a {@code *_FILE} variable or a file
 * the image's start script derives the name of: {@link StartNode}) is in the template, the template
 * has a broker password for each broker user the replica counts imply, and each pod mounts it
 * read-only where the variables point.
 */
class SecretsTest {
  private static Manifests manifests;
  private static Secret template;
  private static Path mount;

  @BeforeAll
  static void load() {
    manifests = Manifests.load();
    template = manifests.secretTemplate;
    mount = Path.of(manifests.config().getData().get("BOOKSTORE_ADMIN_PASSWORD_FILE")).getParent();
  }

  @Test
  void everySecretKeyThePodsReferToIsInTheTemplate() {
    Set<String> keys = keys();
    for (Manifests.Workload workload : manifests.workloads()) {
      Manifests.Environment environment = manifests.environment(workload.container());
      environment
          .secrets()
          .forEach(
              (variable, ref) -> {
                assertEquals(template.getMetadata().getName(), ref.getName(), variable);
                assertTrue(keys.contains(ref.getKey()), workload.name() + " " + variable);
              });
      environment
          .values()
          .forEach(
              (variable, value) -> {
                if (variable.endsWith("_FILE")) {
                  Path file = Path.of(value);
                  assertEquals(
                      mount, file.getParent(), variable + " points into the mounted Secret");
                  assertTrue(keys.contains(file.getFileName().toString()), variable + "=" + value);
                }
              });
    }
  }

  @Test
  void everySecretFileTheImageDerivesInAPodIsInTheMountedTemplate() {
    Set<String> keys = keys();
    for (String role : List.of("frontend", "catalog", "order")) {
      Manifests.Workload workload = manifests.workload(role);
      for (int ordinal = 0; ordinal < workload.replicas(); ordinal++) {
        String pod = StartNode.podName(workload, ordinal);
        StartNode.DryRun run = StartNode.run(manifests, workload, pod);
        for (String variable : run.derived()) {
          if (variable.endsWith("_FILE")) {
            Path file = Path.of(run.settings().get(variable));
            assertEquals(mount, file.getParent(), pod + ": " + variable + " is in the Secret");
            assertTrue(
                keys.contains(file.getFileName().toString()), pod + ": " + variable + "=" + file);
          }
        }
      }
    }
  }

  @Test
  void templateHasExactlyTheAdminClusterAndBrokerUserKeys() {
    ClusterConf conf = ClusterConf.load(manifests.checkout);
    Set<String> expected = new TreeSet<>();
    manifests
        .config()
        .getData()
        .forEach(
            (variable, value) -> {
              if (variable.endsWith("_FILE")) {
                expected.add(Path.of(value).getFileName().toString());
              }
            });
    Manifests.Workload frontend = manifests.workload("frontend");
    String frontendUser =
        StartNode.nodeEnvironment(manifests, frontend, StartNode.podName(frontend, 0))
            .get("BOOKSTORE_BROKER_USER");
    expected.add("broker-password." + frontendUser);
    for (String service : conf.replicatedServices()) {
      for (int id = 1; id <= conf.replicas(service); id++) {
        expected.add("broker-password." + service + "-" + id);
      }
    }
    assertEquals(expected, keys());
  }

  @Test
  void everyPodMountsTheSecretReadOnlyWhereTheFileVariablesPoint() {
    for (Manifests.Workload workload : manifests.workloads()) {
      List<Volume> secrets =
          workload.template().getSpec().getVolumes().stream()
              .filter(volume -> volume.getSecret() != null)
              .toList();
      assertEquals(1, secrets.size(), workload.name() + " has the Secret as a volume");
      Volume volume = secrets.get(0);
      assertEquals(template.getMetadata().getName(), volume.getSecret().getSecretName());
      assertTrue(
          Optional.ofNullable(volume.getSecret().getItems()).orElse(List.of()).isEmpty(),
          workload.name() + ": every key, as its own file");
      assertEquals(0440, volume.getSecret().getDefaultMode(), workload.name() + ": mode 0440");
      List<VolumeMount> mounts =
          workload.container().getVolumeMounts().stream()
              .filter(m -> m.getName().equals(volume.getName()))
              .toList();
      assertEquals(1, mounts.size(), workload.name() + " mounts it");
      assertEquals(mount.toString(), mounts.get(0).getMountPath(), workload.name());
      assertEquals(Boolean.TRUE, mounts.get(0).getReadOnly(), workload.name() + ": read-only");
      assertNotNull(
          workload.template().getSpec().getSecurityContext().getFsGroup(),
          workload.name() + ": fsGroup, so that the mode lets the node read it");
    }
  }

  @Test
  void templateHoldsPlaceholdersNotSecrets() {
    assertTrue(
        Optional.ofNullable(template.getData()).orElse(Map.of()).isEmpty(),
        "no base64 data: placeholders in stringData only");
    template
        .getStringData()
        .forEach(
            (key, value) ->
                assertTrue(value.startsWith("PLACEHOLDER"), key + " holds a placeholder"));
  }

  private static Set<String> keys() {
    Set<String> keys = new TreeSet<>();
    keys.addAll(Optional.ofNullable(template.getStringData()).orElse(Map.of()).keySet());
    keys.addAll(Optional.ofNullable(template.getData()).orElse(Map.of()).keySet());
    return keys;
  }
}
