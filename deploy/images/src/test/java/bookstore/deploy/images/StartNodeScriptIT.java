package bookstore.deploy.images;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nodes' start script (src/main/sh/start-node, /opt/bookstore/bin/start-node in the images),
 * run with {@code sh} on this machine with no environment but what each test gives it, as in a
 * fresh container: in its dry-run mode (BOOKSTORE_DRY_RUN=1: it prints its settings, the names of
 * those it derived and the java command instead of running it), or with a stand-in {@code java}
 * first on the PATH that records the environment and arguments it was started with.
 */
class StartNodeScriptIT {
  /** What the start script derives, or passes on, for every role. */
  private static final Set<String> COMMON =
      Set.of(
          "BOOKSTORE_BROKER_HOST",
          "BOOKSTORE_BROKER_PORT",
          "BOOKSTORE_CLUSTER_SECRET_FILE",
          "BOOKSTORE_ADMIN_PASSWORD_FILE");

  /** Variables of older versions of the application, which no node reads any more. */
  private static final List<String> GONE =
      List.of(
          "BOOKSTORE_DB",
          "BOOKSTORE_SERVICE",
          "BOOKSTORE_UPDATES_TOPIC",
          "BOOKSTORE_SUBSCRIPTION",
          "BOOKSTORE_JVM_OPTS");

  @TempDir Path tmp;

  /** What one run printed and how it ended. */
  private record Run(
      int status,
      Map<String, String> settings,
      Set<String> derived,
      String command,
      String stderr) {}

  private Run run(String... environment) throws IOException, InterruptedException {
    List<String> all = new ArrayList<>(List.of(environment));
    all.add("BOOKSTORE_DRY_RUN=1");
    return start(all);
  }

  private Run start(List<String> environment) throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder("sh", Build.startScript().toString())
            .redirectError(tmp.resolve("stderr").toFile())
            .redirectOutput(tmp.resolve("stdout").toFile());
    builder.environment().clear();
    builder.environment().put("PATH", tmp.resolve("bin") + ":/usr/bin:/bin");
    builder.environment().put("TMPDIR", tmp.toString());
    for (String variable : environment) {
      int eq = variable.indexOf('=');
      builder.environment().put(variable.substring(0, eq), variable.substring(eq + 1));
    }
    Process process = builder.start();
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the script ended");
    Map<String, String> settings = new LinkedHashMap<>();
    Set<String> derived = new TreeSet<>();
    String command = null;
    for (String line : Files.readAllLines(tmp.resolve("stdout"))) {
      if (line.startsWith("exec java ")) {
        command = line.substring("exec ".length());
      } else if (line.startsWith("derived:")) {
        derived.addAll(List.of(line.substring("derived:".length()).strip().split(" +")));
      } else if (line.matches("BOOKSTORE_[A-Z_]+=.*")) {
        settings.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
      }
    }
    derived.remove("");
    return new Run(
        process.exitValue(), settings, derived, command, Files.readString(tmp.resolve("stderr")));
  }

  /** A stand-in for java, first on the PATH: records its environment and arguments. */
  private Map<String, String> javaEnvironment(List<String> environment) throws Exception {
    Path java = Files.createDirectories(tmp.resolve("bin")).resolve("java");
    Files.writeString(
        java,
        "#!/bin/sh\nenv >\"$TMPDIR/java.env\"\nprintf '%s\\n' \"$@\" >\"$TMPDIR/java.args\"\n");
    assertTrue(java.toFile().setExecutable(true));
    Run run = start(environment);
    assertEquals(0, run.status(), run.stderr());
    Map<String, String> seen = new TreeMap<>();
    for (String line : Files.readAllLines(tmp.resolve("java.env"))) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        seen.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return seen;
  }

  @Test
  void hasValidShellSyntax() throws IOException, InterruptedException {
    Process check =
        new ProcessBuilder("sh", "-n", Build.startScript().toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(check.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, check.exitValue(), output);
  }

  @Test
  void catalogPodTwoIsReplicaThreeWithItsBrokerUserAndItsDatabase() throws Exception {
    Run run = run("BOOKSTORE_ROLE=catalog", "HOSTNAME=catalog-2");
    assertEquals(0, run.status(), run.stderr());
    assertAll(
        () -> assertEquals("3", run.settings().get("BOOKSTORE_REPLICA_ID")),
        () -> assertEquals("catalog-3", run.settings().get("BOOKSTORE_BROKER_USER")),
        () -> assertEquals("/var/lib/bookstore/db", run.settings().get("BOOKSTORE_CATALOG_DB")),
        () -> assertEquals("broker", run.settings().get("BOOKSTORE_BROKER_HOST")),
        () -> assertEquals("61616", run.settings().get("BOOKSTORE_BROKER_PORT")),
        () ->
            assertEquals(
                "/run/secrets/bookstore/broker-password.catalog-3",
                run.settings().get("BOOKSTORE_BROKER_PASSWORD_FILE")),
        () ->
            assertEquals(
                "/run/secrets/bookstore/cluster-secret",
                run.settings().get("BOOKSTORE_CLUSTER_SECRET_FILE")),
        () ->
            assertEquals(
                union(
                    COMMON,
                    "BOOKSTORE_REPLICA_ID",
                    "BOOKSTORE_BROKER_USER",
                    "BOOKSTORE_BROKER_PASSWORD_FILE",
                    "BOOKSTORE_CATALOG_DB"),
                run.derived()),
        () -> assertFalse(run.settings().containsKey("BOOKSTORE_ORDER_DB"), "the order's DB"));
  }

  @Test
  void setsNoneOfTheVariablesTheApplicationNoLongerReads() throws Exception {
    for (String role : List.of("catalog", "order", "frontend")) {
      Run run = run("BOOKSTORE_ROLE=" + role, "HOSTNAME=" + role + "-0");
      assertEquals(0, run.status(), run.stderr());
      for (String gone : GONE) {
        assertFalse(run.settings().containsKey(gone), role + " sets " + gone);
        assertFalse(run.derived().contains(gone), role + " derives " + gone);
      }
    }
    String script = Files.readString(Build.startScript());
    for (String gone : GONE) {
      assertFalse(script.matches("(?s).*\\b" + gone + "\\b.*"), "start-node names " + gone);
    }
  }

  @Test
  void catalogCommandRunsPayaraMicroWithDerbyAndTheWarAtRoot() throws Exception {
    Run run = run("BOOKSTORE_ROLE=catalog", "HOSTNAME=catalog-2");
    assertEquals(
        "java -Dderby.stream.error.file=/var/lib/bookstore/derby.log"
            + " -jar /opt/bookstore/lib/payara-micro.jar --nohazelcast --name catalog-2 --port 8080"
            + " --prebootcommandfile /opt/bookstore/config/preboot.txt"
            + " --addlibs /opt/bookstore/lib/derby/derby.jar:/opt/bookstore/lib/derby/derbyshared.jar"
            + ":/opt/bookstore/lib/derby/derbytools.jar"
            + " --deploy /opt/bookstore/apps/catalog.war:/",
        run.command());
  }

  @Test
  void theCommandCarriesNoJvmOptionsTheyComeInJavaToolOptions() throws Exception {
    for (String role : List.of("catalog", "order", "frontend")) {
      Run run =
          run(
              "BOOKSTORE_ROLE=" + role,
              "HOSTNAME=" + role + "-1",
              "JAVA_TOOL_OPTIONS=-Xmx1g -XX:+UseG1GC");
      assertEquals(0, run.status(), run.stderr());
      String jvmOptions = run.command().substring(0, run.command().indexOf(" -jar "));
      assertTrue(
          jvmOptions.equals("java")
              || jvmOptions.equals("java -Dderby.stream.error.file=/var/lib/bookstore/derby.log"),
          role + ": " + jvmOptions);
    }
    Map<String, String> java =
        javaEnvironment(
            List.of(
                "BOOKSTORE_ROLE=frontend",
                "HOSTNAME=frontend-0",
                "BOOKSTORE_BROKER_PASSWORD=given",
                "JAVA_TOOL_OPTIONS=-Xmx1g -XX:+UseG1GC"));
    assertEquals("-Xmx1g -XX:+UseG1GC", java.get("JAVA_TOOL_OPTIONS"), "passed on as it is");
  }

  @Test
  void orderPodZeroIsReplicaOne() throws Exception {
    Run run = run("BOOKSTORE_ROLE=order", "HOSTNAME=order-0");
    assertEquals(0, run.status(), run.stderr());
    assertAll(
        () -> assertEquals("1", run.settings().get("BOOKSTORE_REPLICA_ID")),
        () -> assertEquals("order-1", run.settings().get("BOOKSTORE_BROKER_USER")),
        () -> assertEquals("/var/lib/bookstore/db", run.settings().get("BOOKSTORE_ORDER_DB")),
        () -> assertFalse(run.settings().containsKey("BOOKSTORE_CATALOG_DB"), "the catalog's DB"),
        () -> assertTrue(run.command().endsWith(" --deploy /opt/bookstore/apps/order.war:/")));
  }

  @Test
  void givenSettingsWinOverTheDerivedOnes() throws Exception {
    Run run =
        run(
            "BOOKSTORE_ROLE=catalog",
            "HOSTNAME=catalog-0",
            "BOOKSTORE_REPLICA_ID=2",
            "BOOKSTORE_BROKER_HOST=broker.shop.svc",
            "BOOKSTORE_CATALOG_DB=/data/catalog/db");
    assertEquals(0, run.status(), run.stderr());
    assertAll(
        () -> assertEquals("2", run.settings().get("BOOKSTORE_REPLICA_ID")),
        () -> assertEquals("catalog-2", run.settings().get("BOOKSTORE_BROKER_USER")),
        () -> assertEquals("broker.shop.svc", run.settings().get("BOOKSTORE_BROKER_HOST")),
        () -> assertEquals("/data/catalog/db", run.settings().get("BOOKSTORE_CATALOG_DB")),
        () ->
            assertTrue(
                run.command().startsWith("java -Dderby.stream.error.file=/data/catalog/derby.log "),
                run.command()),
        () ->
            assertEquals(
                Set.of(
                    "BOOKSTORE_BROKER_PORT",
                    "BOOKSTORE_CLUSTER_SECRET_FILE",
                    "BOOKSTORE_ADMIN_PASSWORD_FILE",
                    "BOOKSTORE_BROKER_USER",
                    "BOOKSTORE_BROKER_PASSWORD_FILE"),
                run.derived(),
                "derived: what was not given"));
  }

  @Test
  void exportsWhatItDerivesToTheJvm() throws Exception {
    Path db = Files.createDirectories(tmp.resolve("order")).resolve("db");
    Map<String, String> java =
        javaEnvironment(
            List.of("BOOKSTORE_ROLE=order", "HOSTNAME=order-2", "BOOKSTORE_ORDER_DB=" + db));
    Map<String, String> bookstore = new TreeMap<>(java);
    bookstore.keySet().removeIf(name -> !name.startsWith("BOOKSTORE_"));
    assertEquals(
        new TreeMap<>(
            Map.of(
                "BOOKSTORE_ROLE", "order",
                "BOOKSTORE_ORDER_DB", db.toString(),
                "BOOKSTORE_REPLICA_ID", "3",
                "BOOKSTORE_BROKER_USER", "order-3",
                "BOOKSTORE_BROKER_PASSWORD_FILE", "/run/secrets/bookstore/broker-password.order-3",
                "BOOKSTORE_BROKER_HOST", "broker",
                "BOOKSTORE_BROKER_PORT", "61616",
                "BOOKSTORE_CLUSTER_SECRET_FILE", "/run/secrets/bookstore/cluster-secret",
                "BOOKSTORE_ADMIN_PASSWORD_FILE", "/run/secrets/bookstore/admin-password")),
        bookstore);
    assertEquals(
        List.of("-Dderby.stream.error.file=" + db.getParent().resolve("derby.log"), "-jar"),
        Files.readAllLines(tmp.resolve("java.args")).subList(0, 2));
  }

  @Test
  void refusesAReplicaWhoseIdCannotBeDerived() throws Exception {
    Run noOrdinal = run("BOOKSTORE_ROLE=catalog", "HOSTNAME=catalog");
    Run beyondNine = run("BOOKSTORE_ROLE=order", "HOSTNAME=order-9");
    assertAll(
        () -> assertNotEquals(0, noOrdinal.status()),
        () -> assertTrue(noOrdinal.stderr().contains("BOOKSTORE_REPLICA_ID"), noOrdinal.stderr()),
        () -> assertNotEquals(0, beyondNine.status()),
        () -> assertTrue(beyondNine.stderr().contains("1..9"), beyondNine.stderr()));
  }

  @Test
  void frontendPostbootIsTheLaunchersCommandForTheBrokerHost() throws Exception {
    Run run =
        run(
            "BOOKSTORE_ROLE=frontend",
            "HOSTNAME=frontend-7d9f",
            "BOOKSTORE_BROKER_HOST=broker.shop.svc",
            "BOOKSTORE_BROKER_BACKUP=broker.shop.svc:61617");
    assertEquals(0, run.status(), run.stderr());
    // ./bookstore's printf format for the front end's postboot file (both brokers of the pair, one
    // connector each), with the brokers' host and ports put in as printf would
    Matcher printf =
        Pattern.compile("printf '(create-resource-adapter-config [^']*)'")
            .matcher(Files.readString(Build.repositoryRoot().resolve("bookstore")));
    assertTrue(printf.find(), "./bookstore writes create-resource-adapter-config");
    String netty = "org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory";
    String expected =
        printf.group(1).replace("\\\\", "\\").replace("host\\=127.0.0.1", "host\\=broker.shop.svc");
    for (String value : List.of(netty, netty, "61616", "61617")) {
      expected = expected.replaceFirst("%s", Matcher.quoteReplacement(value));
    }
    expected = expected.replace("\\n", "") + "\n";
    Path postboot = tmp.resolve("bookstore-postboot.txt");
    assertEquals(expected, Files.readString(postboot));

    Run alone =
        run(
            "BOOKSTORE_ROLE=frontend",
            "HOSTNAME=frontend-7d9f",
            "BOOKSTORE_BROKER_HOST=broker.shop.svc",
            "BOOKSTORE_BROKER_BACKUP=");
    assertEquals(0, alone.status(), alone.stderr());
    String one = Files.readString(postboot);
    assertTrue(
        one.contains(
            "ConnectorClassName="
                + netty
                + ":ConnectionParameters=host\\=broker.shop.svc;port\\=61616:"),
        "one broker, one connector: " + one);
    assertEquals("frontend", run.settings().get("BOOKSTORE_BROKER_USER"));
    List<String> tail = new ArrayList<>(List.of(run.command().split(" ")));
    assertEquals(
        List.of(
            "--name",
            "frontend-7d9f",
            "--port",
            "8080",
            "--prebootcommandfile",
            "/opt/bookstore/config/preboot.txt",
            "--addlibs",
            "/opt/bookstore/lib/derby/derby.jar:/opt/bookstore/lib/derby/derbyshared.jar"
                + ":/opt/bookstore/lib/derby/derbytools.jar",
            "--postbootcommandfile",
            postboot.toString(),
            "--deploy",
            "/opt/bookstore/apps/artemis-rar.rar",
            "--deploy",
            "/opt/bookstore/apps/frontend.war:/"),
        tail.subList(tail.indexOf("--name"), tail.size()));
  }

  @Test
  void frontendReadsItsBrokerPasswordFromTheSecretWithoutPrintingIt() throws Exception {
    Path secrets = Files.createDirectories(tmp.resolve("secrets"));
    Files.writeString(secrets.resolve("broker-password.frontend"), "s3cret\n");
    Run run =
        run("BOOKSTORE_ROLE=frontend", "HOSTNAME=frontend-0", "BOOKSTORE_SECRETS_DIR=" + secrets);
    assertEquals(0, run.status(), run.stderr());
    Path file = secrets.resolve("broker-password.frontend");
    assertAll(
        () -> assertEquals(file.toString(), run.settings().get("BOOKSTORE_BROKER_PASSWORD_FILE")),
        () ->
            assertEquals(
                "(read from " + file + ")", run.settings().get("BOOKSTORE_BROKER_PASSWORD")),
        () -> assertTrue(run.derived().contains("BOOKSTORE_BROKER_PASSWORD"), "derived"),
        () ->
            assertFalse(
                Files.readString(tmp.resolve("stdout")).contains("s3cret"), "password printed"));
    Map<String, String> java =
        javaEnvironment(
            List.of(
                "BOOKSTORE_ROLE=frontend",
                "HOSTNAME=frontend-0",
                "BOOKSTORE_SECRETS_DIR=" + secrets));
    assertAll(
        () -> assertEquals("s3cret", java.get("BOOKSTORE_BROKER_PASSWORD"), "its first line"),
        () -> assertEquals("frontend", java.get("BOOKSTORE_BROKER_USER")));
  }

  @Test
  void frontendWillNotStartWithoutItsBrokerPassword() throws Exception {
    Run run =
        start(
            List.of(
                "BOOKSTORE_ROLE=frontend",
                "HOSTNAME=frontend-0",
                "BOOKSTORE_SECRETS_DIR=" + tmp.resolve("no-secrets")));
    assertNotEquals(0, run.status());
    assertTrue(run.stderr().contains("broker-password.frontend"), run.stderr());
  }

  private static Set<String> union(Set<String> set, String... more) {
    Set<String> all = new TreeSet<>(set);
    all.addAll(List.of(more));
    return all;
  }
}
