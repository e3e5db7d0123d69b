package bookstore.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * State lives on a PersistentVolumeClaim per pod: every StatefulSet mounts its claim template at
 * {@code /var/lib/bookstore}, and the replicas' Derby databases are on it.
 */
class StorageTest {
  /** The images' contract: where a node keeps what must survive it. */
  static final String DATA = "/var/lib/bookstore";

  private static Manifests manifests;

  @BeforeAll
  static void load() {
    manifests = Manifests.load();
  }

  @Test
  void everyStatefulSetMountsItsClaimTemplateAtVarLibBookstore() {
    List<StatefulSet> sets = manifests.all(StatefulSet.class);
    assertTrue(!sets.isEmpty());
    for (StatefulSet set : sets) {
      String name = set.getMetadata().getName();
      List<PersistentVolumeClaim> claims = set.getSpec().getVolumeClaimTemplates();
      assertEquals(1, claims.size(), name + " has one claim template");
      String claim = claims.get(0).getMetadata().getName();
      List<VolumeMount> mounts =
          manifests.workload(name).container().getVolumeMounts().stream()
              .filter(mount -> mount.getName().equals(claim))
              .toList();
      assertEquals(1, mounts.size(), name + " mounts its claim");
      assertEquals(DATA, mounts.get(0).getMountPath(), name);
      assertTrue(
          claims.get(0).getSpec().getAccessModes().contains("ReadWriteOnce"), name + ": RWO");
    }
  }

  @Test
  void whatTheLauncherKeepsInANodesRunDirectoryLivesOnTheClaim() {
    Launcher.environments(manifests.checkout)
        .forEach(
            (role, variables) -> {
              Manifests.Workload workload = manifests.workload(role);
              // as the manifest sets it, or as the image's start script derives it
              var environment =
                  StartNode.nodeEnvironment(manifests, workload, StartNode.podName(workload, 0));
              variables.forEach(
                  (name, value) -> {
                    if (value.startsWith("$dir/")) {
                      String inPod = environment.get(name);
                      assertTrue(inPod != null, role + ": " + name + " is set or derived");
                      assertTrue(
                          inPod.startsWith(DATA + "/"),
                          role + ": " + name + "=" + inPod + " (./bookstore: " + value + ")");
                      assertTrue(
                          workload.serviceName() != null, role + " keeps state: a StatefulSet");
                    }
                  });
            });
  }
}
