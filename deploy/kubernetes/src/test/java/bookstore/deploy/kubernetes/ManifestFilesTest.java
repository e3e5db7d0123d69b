package bookstore.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The files themselves: the kustomization applies every manifest of the directory, each manifest is
 * made of Kubernetes objects that fabric8's typed model knows, field by field, and every workload
 * runs the image the image build makes for it.
 */
class ManifestFilesTest {
  private static Manifests manifests;

  @BeforeAll
  static void load() {
    manifests = Manifests.load();
  }

  @Test
  void kustomizationListsExactlyTheManifestFilesPresent() {
    Set<String> expected = new TreeSet<>(manifests.yamlFiles());
    expected.remove(Manifests.KUSTOMIZATION);
    expected.remove(Manifests.COMPOSE);
    expected.remove(Manifests.SECRET_TEMPLATE);
    List<String> listed = manifests.resourceFiles();
    assertEquals(expected, new TreeSet<>(listed), "resources of " + Manifests.KUSTOMIZATION);
    assertEquals(listed.size(), new TreeSet<>(listed).size(), "each file listed once");
    assertTrue(
        manifests.yamlFiles().contains(Manifests.SECRET_TEMPLATE),
        "the Secret's template is shipped, though not applied");
  }

  @Test
  void everyManifestParsesIntoTypedKubernetesObjects() {
    manifests.byFile.forEach(
        (file, objects) -> {
          assertFalse(objects.isEmpty(), file + " holds objects");
          for (HasMetadata object : objects) {
            String what = file + ": " + object.getKind() + " " + object.getMetadata().getName();
            assertFalse(
                object instanceof GenericKubernetesResource,
                what + " is of a kind fabric8 knows (apiVersion/kind misspelt?)");
            assertEquals(HasMetadata.getKind(object.getClass()), object.getKind(), what);
            assertEquals(
                HasMetadata.getApiVersion(object.getClass()), object.getApiVersion(), what);
            assertNotNull(object.getMetadata().getName(), what + " has a name");
            assertEquals(null, object.getMetadata().getNamespace(), what + ": no namespace set");
          }
        });
  }

  @Test
  void noManifestHasAFieldTheModelDoesNotKnow() {
    List<String> unknown = new ArrayList<>();
    manifests.byFile.forEach(
        (file, objects) -> {
          for (HasMetadata object : objects) {
            collectUnknownFields(
                object,
                file + ":" + object.getKind() + "/" + object.getMetadata().getName(),
                unknown,
                new IdentityHashMap<>());
          }
        });
    assertEquals(List.of(), unknown, "fields fabric8 kept as additionalProperties (misspelt?)");
  }

  @Test
  void noTwoObjectsShareAKindAndName() {
    List<String> keys =
        manifests.applied.stream()
            .map(object -> object.getKind() + "/" + object.getMetadata().getName())
            .toList();
    assertEquals(keys.size(), Set.copyOf(keys).size(), "kind/name pairs: " + keys);
  }

  @Test
  void everyWorkloadRunsTheImageOfItsNameAtTheProjectVersion() {
    String version = System.getProperty("bookstore.version");
    assertNotNull(version, "the build passes the project version");
    for (Manifests.Workload workload : manifests.workloads()) {
      assertEquals(
          "bookstore/" + workload.name() + ":" + version,
          workload.container().getImage(),
          workload.name());
      assertEquals(workload.name(), workload.container().getName(), "container of " + workload);
    }
  }

  @Test
  void kustomizationRetagsExactlyTheImagesTheWorkloadsRun() {
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> images =
        (List<Map<String, Object>>) manifests.kustomization.get("images");
    assertNotNull(images, "the kustomization has an images list to retag");
    Set<String> retagged =
        images.stream()
            .map(image -> (String) image.get("name"))
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> run = new TreeSet<>();
    for (Manifests.Workload workload : manifests.workloads()) {
      String image = workload.container().getImage();
      run.add(image.substring(0, image.lastIndexOf(':')));
      images.stream()
          .filter(entry -> image.startsWith(entry.get("name") + ":"))
          .forEach(
              entry ->
                  assertEquals(
                      image.substring(image.lastIndexOf(':') + 1),
                      String.valueOf(entry.get("newTag")),
                      "the kustomization keeps the manifests' tag of " + image));
    }
    assertEquals(run, retagged);
  }

  /** Walks a fabric8 model object's getters, noting every non-empty additionalProperties. */
  private static void collectUnknownFields(
      Object value, String path, List<String> unknown, Map<Object, Boolean> seen) {
    if (value == null || seen.put(value, true) != null) {
      return;
    }
    if (value instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        collectUnknownFields(item, path + "[" + i++ + "]", unknown, seen);
      }
      return;
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((key, item) -> collectUnknownFields(item, path + "." + key, unknown, seen));
      return;
    }
    if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    for (Method getter : value.getClass().getMethods()) {
      String name = getter.getName();
      if (getter.getParameterCount() != 0
          || Modifier.isStatic(getter.getModifiers())
          || !name.startsWith("get")
          || name.equals("getClass")) {
        continue;
      }
      Object property;
      try {
        property = getter.invoke(value);
      } catch (IllegalAccessException | InvocationTargetException e) {
        continue; // a computed getter that does not apply here
      }
      if (name.equals("getAdditionalProperties")) {
        if (property instanceof Map<?, ?> extra && !extra.isEmpty()) {
          unknown.add(path + ": " + extra.keySet());
        }
      } else {
        collectUnknownFields(property, path + "." + decapitalize(name.substring(3)), unknown, seen);
      }
    }
  }

  private static String decapitalize(String name) {
    return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }
}
