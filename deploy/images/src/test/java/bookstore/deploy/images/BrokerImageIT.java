package bookstore.deploy.images;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bookstore.deploy.images.ImageTar.Entry;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The broker's image, bookstore/broker: read from target/broker-image.tar. */
class BrokerImageIT {
  private static final String JAR = "opt/bookstore/broker/broker.jar";

  private static ImageTar image;

  @BeforeAll
  static void readImage() throws IOException {
    image =
        ImageTar.read(
            Build.imageTar("broker"), layer -> layer.createdBy().startsWith("jib-maven-plugin:"));
  }

  @Test
  void isTaggedBrokerAndProjectVersion() {
    assertEquals(
        "[\"bookstore/broker:" + Build.version() + "\"]",
        image.manifest().get("RepoTags").toString());
  }

  @Test
  void entrypointRunsTheBrokerJarWithItsSettingsOnAllAddresses() {
    List<String> entrypoint = new ArrayList<>();
    image.containerConfig().get("Entrypoint").forEach(a -> entrypoint.add(a.asText()));
    assertEquals(
        List.of(
            "java",
            "-Dbroker.host=0.0.0.0",
            "-Dbroker.port=61616",
            "-Dbroker.data=/var/lib/bookstore/data",
            "-Dbroker.passwords=/run/secrets/bookstore",
            "-jar",
            "/" + JAR),
        entrypoint);
    JsonNode cmd = image.containerConfig().path("Cmd");
    assertTrue(cmd.isMissingNode() || cmd.isNull(), "Cmd: none");
  }

  @Test
  void javaToolOptionsCarryTheBrokerHeapOfClusterConf() {
    List<String> env = new ArrayList<>();
    image.containerConfig().get("Env").forEach(e -> env.add(e.asText()));
    assertTrue(
        env.contains(
            "JAVA_TOOL_OPTIONS=-Xmx"
                + Build.clusterConf("BOOKSTORE_BROKER_HEAP")
                + " -XX:+UseSerialGC"),
        env::toString);
  }

  @Test
  void theBrokerBindsTheAddressItIsGivenAsBrokerHost() throws IOException {
    Entry jar = image.find(JAR).orElseThrow(() -> new AssertionError("no /" + JAR));
    String config = null;
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar.content()))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        if (entry.getName().equals("broker.xml")) {
          config = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    assertTrue(config != null, "broker.jar holds broker.xml");
    Matcher acceptor = Pattern.compile("<acceptor [^>]*>([^<]*)</acceptor>").matcher(config);
    assertTrue(acceptor.find(), "broker.xml has an acceptor");
    assertTrue(
        acceptor.group(1).startsWith("tcp://${broker.host}:${broker.port}"),
        "the acceptor binds -Dbroker.host (0.0.0.0 in the entry point): " + acceptor.group(1));
    assertFalse(acceptor.find(), "one acceptor");
  }

  @Test
  void exposesPort61616Only() {
    List<String> ports = new ArrayList<>();
    image.containerConfig().get("ExposedPorts").fieldNames().forEachRemaining(ports::add);
    assertEquals(List.of("61616/tcp"), ports);
  }

  @Test
  void runsAsTheBookstoreUserWithItsJournalVolume() {
    JsonNode config = image.containerConfig();
    List<String> volumes = new ArrayList<>();
    config.get("Volumes").fieldNames().forEachRemaining(volumes::add);
    assertAll(
        () -> assertEquals(Build.user(), config.get("User").asText()),
        () -> assertEquals(List.of("/var/lib/bookstore"), volumes));
  }

  @Test
  void holdsTheBrokerJarAndEveryLibraryItsManifestNames() throws IOException {
    Path staged = Build.target().resolve("images/broker").resolve(JAR);
    Entry jar = image.find(JAR).orElseThrow(() -> new AssertionError("no /" + JAR));
    assertEquals(ImageTar.sha256(staged), jar.sha256(), "broker.jar as built");
    Set<String> classPath = new TreeSet<>();
    try (JarFile file = new JarFile(staged.toFile())) {
      for (String entry :
          file.getManifest().getMainAttributes().getValue("Class-Path").split(" ")) {
        if (!entry.isBlank()) {
          classPath.add("opt/bookstore/broker/" + entry);
        }
      }
    }
    assertTrue(classPath.size() > 10, "Class-Path: " + classPath);
    Set<String> libraries = ImageTar.files(image.jibLayers().get(1));
    assertEquals(classPath, libraries, "the libraries layer holds exactly the jar's Class-Path");
  }

  @Test
  void addsThreeLayersOfItsOwnFilesOnTopOfTheBase() throws IOException {
    image.assertOwnLayersOnTopOfTheBase(
        List.of("java: JDK 25 runtime (jlink)", "broker libraries", "broker"));
  }
}
