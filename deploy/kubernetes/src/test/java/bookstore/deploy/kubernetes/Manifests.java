package bookstore.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The manifests of this directory as fabric8 typed objects, and what the tests need to read from
 * them: the workloads (StatefulSets and Deployments) with their pod templates, each container's
 * environment as the kubelet would set it (envFrom, then env, ConfigMap references resolved), and
 * the Secret template. Every file is read from disk once per test class.
 */
final class Manifests {
  /** The annotation on a pod template that names the variables the image derives per pod. */
  static final String DERIVED_ENV_ANNOTATION = "bookstore/env-derived-by-image";

  /** The kustomization, the compose file and the Secret template, which are not resources. */
  static final String KUSTOMIZATION = "kustomization.yaml";

  /** The compose file: the same store on one host; not a Kubernetes manifest. */
  static final String COMPOSE = "compose.yaml";

  /** Placeholders only, and so not applied by the kustomization (README.md, "Secrets"). */
  static final String SECRET_TEMPLATE = "secret-template.yaml";

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  final Path directory;
  final Path checkout;
  final Map<String, Object> kustomization;
  final Map<String, List<HasMetadata>> byFile = new LinkedHashMap<>();
  final List<HasMetadata> applied = new ArrayList<>();
  final Secret secretTemplate;

  private Manifests(Path directory, Path checkout) {
    this.directory = directory;
    this.checkout = checkout;
    this.kustomization = YamlFiles.load(directory.resolve(KUSTOMIZATION));
    for (String file : resourceFiles()) {
      List<HasMetadata> objects = parse(directory.resolve(file));
      byFile.put(file, objects);
      applied.addAll(objects);
    }
    List<HasMetadata> template = parse(directory.resolve(SECRET_TEMPLATE));
    byFile.put(SECRET_TEMPLATE, template);
    assertTrue(
        template.size() == 1 && template.get(0) instanceof Secret,
        SECRET_TEMPLATE + " holds one Secret");
    secretTemplate = (Secret) template.get(0);
  }

  /**
   * @return the manifests of the directory given by the system property {@code bookstore.manifests}
   *     (the module's directory; the working directory without it)
   */
  static Manifests load() {
    Path directory = Path.of(System.getProperty("bookstore.manifests", ".")).toAbsolutePath();
    Path checkout =
        Path.of(System.getProperty("bookstore.root", directory.resolve("../..").toString()))
            .toAbsolutePath()
            .normalize();
    return new Manifests(directory.normalize(), checkout);
  }

  /**
   * @param file a YAML file of one or more documents
   * @return its documents as typed objects (a document of an unknown kind becomes a {@code
   *     GenericKubernetesResource}, which the tests refuse)
   */
  static List<HasMetadata> parse(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      Object parsed = SERIALIZATION.unmarshal(in);
      List<?> documents = parsed instanceof List<?> list ? list : Arrays.asList(parsed);
      List<HasMetadata> objects = new ArrayList<>();
      for (Object document : documents) {
        if (!(document instanceof HasMetadata object)) {
          throw new AssertionError(file.getFileName() + ": not a Kubernetes object: " + document);
        }
        objects.add(object);
      }
      return objects;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @return the files the kustomization lists under {@code resources}, in its order
   */
  @SuppressWarnings("unchecked")
  List<String> resourceFiles() {
    return (List<String>) kustomization.getOrDefault("resources", List.of());
  }

  /**
   * @return every {@code *.yaml} file in the directory, by name
   */
  Set<String> yamlFiles() {
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .map(file -> file.getFileName().toString())
          .filter(name -> name.endsWith(".yaml") || name.endsWith(".yml"))
          .collect(Collectors.toCollection(TreeSet::new));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @return every applied object of that type
   */
  <T extends KubernetesResource> List<T> all(Class<T> type) {
    return applied.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /**
   * @return the applied object of that type and name
   */
  <T extends HasMetadata> T one(Class<T> type, String name) {
    return all(type).stream()
        .filter(object -> object.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
  }

  /**
   * @return the ConfigMap of the store's shared settings (the one the pods take with envFrom)
   */
  ConfigMap config() {
    List<ConfigMap> maps = all(ConfigMap.class);
    assertTrue(maps.size() == 1, "one ConfigMap: " + maps);
    return maps.get(0);
  }

  /**
   * A StatefulSet or a Deployment, seen through what every test needs of it.
   *
   * @param object the StatefulSet or Deployment
   * @param template its pod template
   * @param replicas its replica count (1 when not given)
   * @param selector its pod selector
   * @param serviceName a StatefulSet's governing Service, else {@code null}
   * @param parallel whether a StatefulSet starts its pods in parallel (the replica sets)
   */
  record Workload(
      HasMetadata object,
      PodTemplateSpec template,
      int replicas,
      LabelSelector selector,
      String serviceName,
      boolean parallel) {

    /**
     * @return its name
     */
    String name() {
      return object.getMetadata().getName();
    }

    /**
     * @return its one container (every pod of the store runs one)
     */
    Container container() {
      List<Container> containers = template.getSpec().getContainers();
      assertTrue(containers.size() == 1, name() + " runs one container");
      return containers.get(0);
    }

    /**
     * @return its pods' labels
     */
    Map<String, String> podLabels() {
      return Optional.ofNullable(template.getMetadata().getLabels()).orElse(Map.of());
    }

    /**
     * @return the variables its pod template says the image derives per pod (none if not said)
     */
    Set<String> derivedByImage() {
      String names =
          Optional.ofNullable(template.getMetadata().getAnnotations())
              .map(annotations -> annotations.get(DERIVED_ENV_ANNOTATION))
              .orElse("");
      return Arrays.stream(names.split(","))
          .map(String::strip)
          .filter(name -> !name.isEmpty())
          .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * @return each pod's name, by ordinal (a Deployment's pods have no stable names: empty)
     */
    List<String> podNames() {
      if (serviceName == null) {
        return List.of();
      }
      return IntStream.range(0, replicas).mapToObj(i -> name() + "-" + i).toList();
    }
  }

  /**
   * @return every StatefulSet and Deployment
   */
  List<Workload> workloads() {
    List<Workload> workloads = new ArrayList<>();
    for (StatefulSet set : all(StatefulSet.class)) {
      var spec = set.getSpec();
      workloads.add(
          new Workload(
              set,
              spec.getTemplate(),
              Optional.ofNullable(spec.getReplicas()).orElse(1),
              spec.getSelector(),
              spec.getServiceName(),
              "Parallel".equals(spec.getPodManagementPolicy())));
    }
    for (Deployment deployment : all(Deployment.class)) {
      var spec = deployment.getSpec();
      workloads.add(
          new Workload(
              deployment,
              spec.getTemplate(),
              Optional.ofNullable(spec.getReplicas()).orElse(1),
              spec.getSelector(),
              null,
              false));
    }
    return workloads;
  }

  /**
   * @return the workload of that name
   */
  Workload workload(String name) {
    return workloads().stream()
        .filter(workload -> workload.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no StatefulSet or Deployment " + name));
  }

  /**
   * @return the replica sets: StatefulSets whose pods elect a primary among themselves
   */
  List<Workload> replicaSets() {
    return workloads().stream().filter(Workload::parallel).toList();
  }

  /**
   * A container's environment as the kubelet sets it.
   *
   * @param values every variable with a value: literal or from a ConfigMap
   * @param secrets every variable taken from a Secret key
   */
  record Environment(Map<String, String> values, Map<String, SecretKeySelector> secrets) {
    /**
     * @return every variable's name
     */
    Set<String> names() {
      Set<String> names = new TreeSet<>(values.keySet());
      names.addAll(secrets.keySet());
      return names;
    }

    /**
     * @return that variable's value; fails when it is not set or comes from a Secret
     */
    String value(String name) {
      String value = values.get(name);
      assertNotNull(value, name + " is set (from a value or a ConfigMap)");
      return value;
    }
  }

  /**
   * @return the container's environment: envFrom first, env after it (overriding), every ConfigMap
   *     reference resolved against the applied ConfigMaps; fails on a reference to a ConfigMap or
   *     key that does not exist
   */
  Environment environment(Container container) {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, SecretKeySelector> secrets = new LinkedHashMap<>();
    for (EnvFromSource from : Optional.ofNullable(container.getEnvFrom()).orElse(List.of())) {
      if (from.getConfigMapRef() == null) {
        fail(container.getName() + ": envFrom only from ConfigMaps: " + from);
      }
      String prefix = Optional.ofNullable(from.getPrefix()).orElse("");
      configMap(from.getConfigMapRef().getName())
          .getData()
          .forEach((key, value) -> values.put(prefix + key, value));
    }
    for (EnvVar variable : Optional.ofNullable(container.getEnv()).orElse(List.of())) {
      String name = variable.getName();
      values.remove(name);
      secrets.remove(name);
      if (variable.getValueFrom() == null) {
        values.put(name, Optional.ofNullable(variable.getValue()).orElse(""));
      } else if (variable.getValueFrom().getConfigMapKeyRef() != null) {
        var ref = variable.getValueFrom().getConfigMapKeyRef();
        String value = configMap(ref.getName()).getData().get(ref.getKey());
        assertNotNull(value, name + ": ConfigMap " + ref.getName() + " has no key " + ref.getKey());
        values.put(name, value);
      } else if (variable.getValueFrom().getSecretKeyRef() != null) {
        secrets.put(name, variable.getValueFrom().getSecretKeyRef());
      } else {
        fail(name + ": only values, ConfigMap keys and Secret keys are expected");
      }
    }
    return new Environment(values, secrets);
  }

  private ConfigMap configMap(String name) {
    return one(ConfigMap.class, name);
  }

  /**
   * @return the container port a probe or Service names, by name or number, if the container has it
   */
  static Optional<ContainerPort> port(Container container, IntOrString port) {
    return Optional.ofNullable(container.getPorts()).orElse(List.of()).stream()
        .filter(
            candidate ->
                port.getStrVal() != null
                    ? port.getStrVal().equals(candidate.getName())
                    : port.getIntVal().equals(candidate.getContainerPort()))
        .findFirst();
  }

  /**
   * @return whether the selector's matchLabels (the only form used here) all hold in the labels
   */
  static boolean selects(Map<String, String> selector, Map<String, String> labels) {
    return selector != null
        && !selector.isEmpty()
        && labels.entrySet().containsAll(selector.entrySet());
  }

  /**
   * @return the Services whose selector picks the workload's pods
   */
  List<Service> servicesOf(Workload workload) {
    return all(Service.class).stream()
        .filter(service -> selects(service.getSpec().getSelector(), workload.podLabels()))
        .toList();
  }

  /**
   * @param size a size in the JVM's and the container engines' units: {@code 384m}, {@code 1g},
   *     {@code 512k} (powers of 1024), or plain bytes
   * @return the bytes
   */
  static long bytes(String size) {
    String digits = size.strip().toLowerCase();
    long unit =
        switch (digits.charAt(digits.length() - 1)) {
          case 'k' -> 1L << 10;
          case 'm' -> 1L << 20;
          case 'g' -> 1L << 30;
          default -> 1;
        };
    if (unit > 1) {
      digits = digits.substring(0, digits.length() - 1);
    }
    return Long.parseLong(digits) * unit;
  }

  /**
   * @return a Kubernetes quantity in bytes
   */
  static long bytes(Quantity quantity) {
    BigDecimal bytes = Quantity.getAmountInBytes(quantity);
    return bytes.longValueExact();
  }
}
