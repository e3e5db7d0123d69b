package bookstore.deploy.images;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import bookstore.deploy.images.ImageTar.Entry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local base image that base/make-base.sh makes (when the images are built on one, the
 * default): what the images rely on it for. Skipped when the base is a registry image.
 */
class LocalBaseImageIT {
  private static ImageTar base;

  @BeforeAll
  static void readBase() throws IOException {
    Build.imageTar("broker"); // skips when the build had no base
    assumeTrue(Build.localBase().isPresent(), "the images are built on a registry base");
    base = ImageTar.read(Build.localBase().get(), layer -> true);
  }

  private static Entry entry(String path) {
    return base.find(path).orElseThrow(() -> new AssertionError("no /" + path + " in the base"));
  }

  @Test
  void isOneLayerWhoseEnvironmentNamesTheImagesJavaRuntime() {
    List<String> env = new ArrayList<>();
    base.containerConfig().get("Env").forEach(e -> env.add(e.asText()));
    assertAll(
        () -> assertEquals(1, base.layers().size(), "layers"),
        () ->
            assertTrue(
                env.stream().anyMatch(e -> e.startsWith("PATH=/opt/java/bin:")), env::toString),
        () ->
            assertTrue(env.stream().anyMatch(e -> e.equals("JAVA_HOME=/opt/java")), env::toString));
  }

  @Test
  void hasAShellAndNoJavaOfItsOwn() {
    Entry dash = entry("usr/bin/dash");
    assertAll(
        () -> assertTrue(base.find("usr/bin/sh").isPresent(), "/bin/sh (/usr/bin/sh)"),
        () -> assertEquals(0755, dash.mode() & 0777, "dash executable"),
        () -> assertFalse(base.find("usr/lib/jvm").isPresent(), "a Debian JRE"),
        () -> assertFalse(base.find("opt/java").isPresent(), "/opt/java (the images' layer)"));
  }

  @Test
  void hasTheBookstoreUserOwningItsStateFolder() {
    String passwd = new String(entry("etc/passwd").content(), StandardCharsets.UTF_8);
    Entry state = entry("var/lib/bookstore");
    assertAll(
        () ->
            assertTrue(
                passwd.lines().anyMatch(l -> l.startsWith("bookstore:x:1000:1000:")), passwd),
        () -> assertTrue(state.directory(), "/var/lib/bookstore is a folder"),
        () -> assertEquals(1000, state.uid(), "owner"),
        () -> assertEquals(1000, state.gid(), "group"),
        () -> assertEquals(01777, entry("tmp").mode() & 07777, "/tmp mode"));
  }

  @Test
  void leavesOutAptListsLogsAndCaches() {
    List<String> leftovers =
        base.layers().get(0).entries().keySet().stream()
            .filter(
                p ->
                    p.startsWith("var/lib/apt/lists/")
                        || p.startsWith("var/cache/apt/")
                        || p.startsWith("var/log/"))
            .filter(p -> !base.find(p).get().directory())
            .toList();
    assertEquals(List.of(), leftovers);
    assertFalse(base.find("etc/hostname").isPresent(), "/etc/hostname (the runtime's)");
  }
}
