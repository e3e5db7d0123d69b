package bookstore.deploy.images;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bookstore.deploy.images.ImageTar.Entry;
import bookstore.deploy.images.ImageTar.Layer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The three Payara Micro images, bookstore/{frontend,catalog,order}: their configuration and what
 * their layers above the base hold, read from target/ROLE-image.tar.
 */
class NodeImagesIT {
  private static final String ADDRESS_LINE =
      "set configs.config.server-config.network-config.network-listeners.network-listener"
          + ".http-listener.address=";

  private static final Map<String, ImageTar> IMAGES = new ConcurrentHashMap<>();

  /** Reads the role's image once: its configuration and the layers Jib added. */
  static ImageTar image(String role) {
    Path tar = Build.imageTar(role);
    return IMAGES.computeIfAbsent(
        role,
        r -> {
          try {
            return ImageTar.read(tar, layer -> layer.createdBy().startsWith("jib-maven-plugin:"));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private static Entry file(ImageTar image, String path) {
    return image.find(path).orElseThrow(() -> new AssertionError("no " + path + " in the image"));
  }

  private static Path staged(String layerFolder, String path) {
    return Build.target().resolve("images").resolve(layerFolder).resolve(path);
  }

  @ParameterizedTest
  @ValueSource(strings = {"frontend", "catalog", "order"})
  void isTaggedRoleAndProjectVersion(String role) {
    JsonNode tags = image(role).manifest().get("RepoTags");
    assertEquals(1, tags.size(), tags::toString);
    assertEquals("bookstore/" + role + ":" + Build.version(), tags.get(0).asText());
  }

  @ParameterizedTest
  @ValueSource(strings = {"frontend", "catalog", "order"})
  void entrypointIsTheStartScriptWithNoArguments(String role) {
    JsonNode config = image(role).containerConfig();
    assertEquals("[\"/opt/bookstore/bin/start-node\"]", config.get("Entrypoint").toString());
    assertTrue(config.path("Cmd").isMissingNode() || config.path("Cmd").isNull(), "Cmd: none");
    List<String> env = new ArrayList<>();
    config.get("Env").forEach(e -> env.add(e.asText()));
    assertTrue(env.contains("BOOKSTORE_ROLE=" + role), env::toString);
  }

  @ParameterizedTest
  @ValueSource(strings = {"frontend", "catalog", "order"})
  void javaToolOptionsCarryTheHeapAndJvmOptionsOfClusterConf(String role) {
    List<String> options = new ArrayList<>();
    image(role)
        .containerConfig()
        .get("Env")
        .forEach(
            e -> {
              if (e.asText().startsWith("JAVA_TOOL_OPTIONS=")) {
                options.addAll(
                    List.of(e.asText().substring("JAVA_TOOL_OPTIONS=".length()).split(" +")));
              }
            });
    List<String> expected = new ArrayList<>();
    expected.add("-Xmx" + Build.clusterConf("BOOKSTORE_NODE_HEAP"));
    expected.add("-XX:+UseSerialGC");
    String jvmOptions =
        role.equals("frontend") ? "BOOKSTORE_FRONTEND_JVM_OPTS" : "BOOKSTORE_NODE_JVM_OPTS";
    expected.addAll(List.of(Build.clusterConf(jvmOptions).strip().split(" +")));
    assertTrue(options.containsAll(expected), options + " has " + expected);
    assertEquals(1, options.stream().filter(o -> o.startsWith("-Xmx")).count(), "one -Xmx");
  }

  @ParameterizedTest
  @ValueSource(strings = {"frontend", "catalog", "order"})
  void exposesPort8080Only(String role) {
    JsonNode ports = image(role).containerConfig().get("ExposedPorts");
    assertEquals(List.of("8080/tcp"), fieldNames(ports));
  }

  @ParameterizedTest
  @ValueSource(strings = {"frontend", "catalog", "order"})
  void runsAsTheBookstoreUserWithItsStateVolume(String role) {
    JsonNode config = image(role).containerConfig();
    assertAll(
        () -> assertEquals(Build.user(), config.get("User").asText()),
        () -> assertEquals(List.of("/var/lib/bookstore"), fieldNames(config.get("Volumes"))),
        () -> assertEquals("/var/lib/bookstore", config.get("WorkingDir").asText()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"frontend", "catalog", "order"})
  void holdsPayaraMicroAndDerbyAsBuilt(String role) {
    ImageTar image = image(role);
    assertAll(
        () -> assertSameFile("runtime", "opt/bookstore/lib/payara-micro.jar", image),
        () -> assertSameFile("runtime", "opt/bookstore/lib/derby/derby.jar", image),
        () -> assertSameFile("runtime", "opt/bookstore/lib/derby/derbyshared.jar", image),
        () -> assertSameFile("runtime", "opt/bookstore/lib/derby/derbytools.jar", image));
  }

  @ParameterizedTest
  @ValueSource(strings = {"frontend", "catalog", "order"})
  void holdsTheRoleWarAtItsPath(String role) {
    assertSameFile(role, "opt/bookstore/apps/" + role + ".war", image(role));
  }

  @ParameterizedTest
  @ValueSource(strings = {"frontend", "catalog", "order"})
  void holdsTheResourceAdapterInTheFrontEndOnly(String role) {
    boolean hasRar = image(role).find("opt/bookstore/apps/artemis-rar.rar").isPresent();
    assertEquals(role.equals("frontend"), hasRar, role + " has artemis-rar.rar: " + hasRar);
    if (hasRar) {
      assertSameFile(role, "opt/bookstore/apps/artemis-rar.rar", image(role));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"frontend", "catalog", "order"})
  void startScriptIsTheSourcesAndExecutable(String role) throws IOException {
    Entry script = file(image(role), "opt/bookstore/bin/start-node");
    assertEquals(0755, script.mode() & 0777, "mode " + Integer.toOctalString(script.mode()));
    assertArrayEquals(Files.readAllBytes(Build.startScript()), script.content());
  }

  @ParameterizedTest
  @ValueSource(strings = {"frontend", "catalog", "order"})
  void prebootBindsAllAddressesAndKeepsEveryOtherLineOfTheProjects(String role) throws IOException {
    List<String> source = Files.readAllLines(Build.prebootSource(), StandardCharsets.UTF_8);
    List<String> image =
        new String(
                file(image(role), "opt/bookstore/config/preboot.txt").content(),
                StandardCharsets.UTF_8)
            .lines()
            .toList();
    assertEquals(source.size(), image.size(), "line count");
    int addressLines = 0;
    for (int i = 0; i < source.size(); i++) {
      if (source.get(i).startsWith(ADDRESS_LINE)) {
        addressLines++;
        assertEquals(ADDRESS_LINE + "0.0.0.0", image.get(i), "line " + (i + 1));
      } else {
        assertEquals(source.get(i), image.get(i), "line " + (i + 1));
      }
    }
    assertEquals(1, addressLines, "address lines in payara-config/preboot.txt");
  }

  @ParameterizedTest
  @ValueSource(strings = {"frontend", "catalog", "order"})
  void addsFourLayersOfItsOwnFilesOnTopOfTheBase(String role) throws IOException {
    image(role)
        .assertOwnLayersOnTopOfTheBase(
            List.of(
                "java: JDK 25 runtime (jlink)",
                "runtime: Payara Micro, Derby",
                "node: start script, pre-boot commands",
                "application"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"java: JDK 25 runtime (jlink)", "runtime: Payara Micro, Derby"})
  void theJavaAndRuntimeLayersAreEachOneLayerSharedByTheThreeNodeImages(String comment) {
    Set<String> layers =
        Set.of("frontend", "catalog", "order").stream()
            .map(role -> image(role).jibLayers())
            .map(
                own ->
                    own.stream()
                        .filter(layer -> layer.comment().equals(comment))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no layer " + comment)))
            .map(Layer::diffId)
            .collect(java.util.stream.Collectors.toSet());
    assertEquals(1, layers.size(), layers::toString);
  }

  @ParameterizedTest
  @ValueSource(strings = {"frontend", "catalog", "order"})
  void carriesAJava25RuntimeWithJcmdAndACdsArchive(String role) {
    ImageTar image = image(role);
    String release = new String(file(image, "opt/java/release").content(), StandardCharsets.UTF_8);
    assertAll(
        () -> assertTrue(release.contains("JAVA_VERSION=\"25"), release),
        () -> assertEquals(0755, file(image, "opt/java/bin/java").mode() & 0777, "java mode"),
        () -> assertEquals(0755, file(image, "opt/java/bin/jcmd").mode() & 0777, "jcmd mode"),
        () ->
            assertEquals(
                0755, file(image, "opt/java/lib/jspawnhelper").mode() & 0777, "jspawnhelper"),
        () -> assertTrue(image.find("opt/java/lib/server/classes.jsa").isPresent(), "CDS"),
        () -> assertFalse(image.find("opt/java/bin/javac").isPresent(), "no compiler"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"frontend", "catalog", "order"})
  void leavesNothingOfJibsJavaLayoutInTheImage(String role) {
    assertFalse(image(role).find("app").isPresent(), "/app");
    assertFalse(image(role).find("app/jib-classpath-file").isPresent(), "/app/jib-classpath-file");
  }

  private static void assertSameFile(String layerFolder, String path, ImageTar image) {
    Entry entry = file(image, path);
    Path staged = staged(layerFolder, path);
    assertFalse(entry.directory(), path + " is a folder");
    try {
      assertEquals(ImageTar.sha256(staged), entry.sha256(), path + " is not " + staged);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
