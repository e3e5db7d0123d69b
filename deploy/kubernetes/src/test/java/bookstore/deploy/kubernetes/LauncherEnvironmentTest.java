package bookstore.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.EnvFromSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pods get the environment {@code ./bookstore} gives the same nodes (its function {@code
 * launch_node}): every variable, set in the manifest or derived per pod by the image's entry script
 * ({@code deploy/images/src/main/sh/start-node}, run in its dry-run mode: {@link StartNode}), and
 * the same value wherever the script writes a literal one.
 */
class LauncherEnvironmentTest {
  private static Manifests manifests;
  private static Map<String, Map<String, String>> launcher;

  @BeforeAll
  static void load() {
    manifests = Manifests.load();
    launcher = Launcher.environments(manifests.checkout);
  }

  @Test
  void launcherStartsTheSamePayaraNodesTheManifestsRun() {
    Set<String> workloads = new TreeSet<>();
    manifests.workloads().forEach(workload -> workloads.add(workload.name()));
    assertTrue(workloads.containsAll(launcher.keySet()), launcher.keySet() + " in " + workloads);
    assertEquals(Set.of("catalog", "order", "frontend"), launcher.keySet());
  }

  @Test
  void everyVariableTheLauncherSetsReachesThePodOrIsDerivedByTheImage() {
    launcher.forEach(
        (role, variables) -> {
          Manifests.Workload workload = manifests.workload(role);
          for (int ordinal = 0; ordinal < workload.replicas(); ordinal++) {
            String pod = StartNode.podName(workload, ordinal);
            Set<String> available =
                new TreeSet<>(StartNode.nodeEnvironment(manifests, workload, pod).keySet());
            available.addAll(manifests.environment(workload.container()).secrets().keySet());
            Set<String> missing = new TreeSet<>(variables.keySet());
            missing.removeAll(available);
            assertEquals(Set.of(), missing, pod + ": variables ./bookstore sets and the pod lacks");
          }
        });
  }

  @Test
  void literalValuesOfTheLauncherAreThePodsValues() {
    launcher.forEach(
        (role, variables) -> {
          Manifests.Workload workload = manifests.workload(role);
          Map<String, String> environment =
              StartNode.nodeEnvironment(manifests, workload, StartNode.podName(workload, 0));
          variables.forEach(
              (name, value) -> {
                if (!value.contains("$") && environment.containsKey(name)) {
                  assertEquals(value, environment.get(name), role + " " + name);
                }
              });
        });
  }

  @Test
  void theAnnotationNamesExactlyWhatTheImageDerivesInEachPod() {
    for (String role : launcher.keySet()) {
      Manifests.Workload workload = manifests.workload(role);
      for (int ordinal = 0; ordinal < workload.replicas(); ordinal++) {
        String pod = StartNode.podName(workload, ordinal);
        assertEquals(
            StartNode.run(manifests, workload, pod).derived(),
            workload.derivedByImage(),
            pod + ": " + Manifests.DERIVED_ENV_ANNOTATION + " (start-node's dry run: derived)");
      }
    }
  }

  @Test
  void perReplicaVariablesAreLeftToTheImage() {
    for (Manifests.Workload set : manifests.replicaSets()) {
      Set<String> derived = set.derivedByImage();
      assertFalse(derived.isEmpty(), set.name() + " says what its image derives");
      assertTrue(
          launcher.get(set.name()).keySet().containsAll(derived),
          set.name() + ": " + derived + " are variables ./bookstore sets");
      Set<String> setHere = new TreeSet<>(manifests.environment(set.container()).names());
      setHere.retainAll(derived);
      assertEquals(Set.of(), setHere, set.name() + ": one value for every pod would be wrong");
      assertTrue(derived.contains("BOOKSTORE_REPLICA_ID"), set.name());
    }
  }

  @Test
  void eachReplicaPodIsTheReplicaOfItsOrdinalWithItsOwnBrokerUser() {
    for (Manifests.Workload set : manifests.replicaSets()) {
      for (int ordinal = 0; ordinal < set.replicas(); ordinal++) {
        String pod = set.podNames().get(ordinal);
        Map<String, String> settings = StartNode.run(manifests, set, pod).settings();
        int id = ordinal + 1;
        assertEquals(String.valueOf(id), settings.get("BOOKSTORE_REPLICA_ID"), pod);
        assertEquals(set.name() + "-" + id, settings.get("BOOKSTORE_BROKER_USER"), pod);
        assertTrue(
            settings
                .get("BOOKSTORE_BROKER_PASSWORD_FILE")
                .endsWith("/broker-password." + set.name() + "-" + id),
            pod + ": " + settings.get("BOOKSTORE_BROKER_PASSWORD_FILE"));
      }
    }
  }

  @Test
  void everyPayaraNodeTakesTheSharedConfigAndKnowsTheBrokerHost() {
    String config = manifests.config().getMetadata().getName();
    for (String role : launcher.keySet()) {
      var container = manifests.workload(role).container();
      List<EnvFromSource> from = container.getEnvFrom();
      assertEquals(1, from.size(), role);
      assertEquals(config, from.get(0).getConfigMapRef().getName(), role);
      assertTrue(
          manifests.environment(container).names().contains("BOOKSTORE_BROKER_HOST"),
          role + " gets BOOKSTORE_BROKER_HOST");
    }
  }
}
