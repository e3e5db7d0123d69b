package bookstore.systemtests;

import static bookstore.systemtests.Http.body;
import static bookstore.systemtests.Http.post;
import static bookstore.systemtests.Http.send;
import static bookstore.systemtests.Poll.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bookstore.api.Item;
import bookstore.api.Order;
import bookstore.api.Problem;
import bookstore.api.ProblemTypes;
import bookstore.api.internal.ReplicaStatus;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientProducer;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile and sloppy input against the shared cluster: each request is refused with its status as
 * problem+json and changes nothing; an idempotency key answers only the request it was first sent
 * with (422 otherwise, IETF Idempotency-Key draft); what the nodes write is their owner's only.
 */
@ClusterTest
class HostileInputIT {
  private final Cluster cluster;
  private final String api;

  HostileInputIT(Cluster cluster) {
    this.cluster = cluster;
    this.api = cluster.frontendUrl() + "/api";
  }

  /** What no error body may show (SPEC "Public API"): Java classes, packages or exception names. */
  private static final Pattern NAMES_INTERNALS =
      Pattern.compile(
          "(java|jakarta|javax|org|com|bookstore)\\.[a-z]+\\.|class [a-zA-Z]|Exception|\\barg[0-9]");

  static Stream<Arguments> refusedRequests(Cluster cluster) {
    String buy = "{\"itemId\":1,\"quantity\":1}";
    return Stream.of(
        Arguments.of("id with a leading space", get(cluster, "/books/%205"), 400),
        Arguments.of("id with a plus sign", get(cluster, "/books/+5"), 400),
        Arguments.of("id with a leading zero", get(cluster, "/books/05"), 400),
        Arguments.of("id in Arabic-Indic digits", get(cluster, "/books/%D9%A5"), 400),
        Arguments.of("id beyond int range", get(cluster, "/books/4294967301"), 400),
        Arguments.of(
            "order number beyond long range", get(cluster, "/orders/99999999999999999999"), 400),
        Arguments.of(
            "item id 4294967301 (would wrap to 5)",
            withBody(cluster, "POST", "/orders", "application/json", "{\"itemId\":4294967301}"),
            400),
        Arguments.of(
            "quantity 4294967297 (would wrap to 1)",
            withBody(
                cluster,
                "POST",
                "/orders",
                "application/json",
                "{\"itemId\":1,\"quantity\":4294967297}"),
            400),
        Arguments.of(
            "fractional quantity",
            withBody(
                cluster, "POST", "/orders", "application/json", "{\"itemId\":1,\"quantity\":1.5}"),
            400),
        Arguments.of(
            "fractional item id",
            withBody(cluster, "POST", "/orders", "application/json", "{\"itemId\":7.9}"),
            400),
        Arguments.of(
            "item id as a string",
            withBody(cluster, "POST", "/orders", "application/json", "{\"itemId\":\"1\"}"),
            400),
        Arguments.of(
            "cache switch 'maybe'",
            withBody(cluster, "PUT", "/admin/cache", "application/json", "{\"enabled\":\"maybe\"}"),
            400),
        Arguments.of(
            "cache switch without 'enabled'",
            withBody(cluster, "PUT", "/admin/cache", "application/json", "{}"),
            400),
        Arguments.of("search without a topic", get(cluster, "/books"), 400),
        Arguments.of("search for a blank topic", get(cluster, "/books?topic=%20%20"), 400),
        Arguments.of(
            "search for a topic of 101 characters",
            get(cluster, "/books?topic=" + "t".repeat(101)),
            400),
        Arguments.of(
            "buy with an empty body",
            withBody(cluster, "POST", "/orders", "application/json", ""),
            400),
        Arguments.of(
            "buy with a JSON null",
            withBody(cluster, "POST", "/orders", "application/json", "null"),
            400),
        Arguments.of(
            "buy with a JSON array",
            withBody(cluster, "POST", "/orders", "application/json", "[1,1]"),
            400),
        Arguments.of(
            "buy with malformed JSON",
            withBody(cluster, "POST", "/orders", "application/json", "{\"itemId\":"),
            400),
        Arguments.of(
            "buy without an item",
            withBody(cluster, "POST", "/orders", "application/json", "{\"quantity\":1}"),
            400),
        Arguments.of(
            "buy of item 0",
            withBody(cluster, "POST", "/orders", "application/json", "{\"itemId\":0}"),
            400),
        Arguments.of(
            "buy of 0 units",
            withBody(
                cluster, "POST", "/orders", "application/json", "{\"itemId\":1,\"quantity\":0}"),
            400),
        Arguments.of(
            "buy of -1 units",
            withBody(
                cluster, "POST", "/orders", "application/json", "{\"itemId\":1,\"quantity\":-1}"),
            400),
        Arguments.of(
            "buy of 1,000,001 units",
            withBody(
                cluster,
                "POST",
                "/orders",
                "application/json",
                "{\"itemId\":1,\"quantity\":1000001}"),
            400),
        Arguments.of(
            "a blank Idempotency-Key",
            withBody(cluster, "POST", "/orders", "application/json", buy)
                .header("Idempotency-Key", "   "),
            400),
        Arguments.of(
            "new item without a title",
            withBody(
                cluster,
                "POST",
                "/admin/items",
                "application/json",
                "{\"topic\":\"t\",\"stock\":1,\"price\":1}"),
            400),
        Arguments.of(
            "new item with a title of 201 characters",
            withBody(
                cluster,
                "POST",
                "/admin/items",
                "application/json",
                "{\"title\":\"" + "t".repeat(201) + "\",\"topic\":\"t\",\"stock\":1,\"price\":1}"),
            400),
        Arguments.of(
            "new item with negative stock",
            withBody(
                cluster,
                "POST",
                "/admin/items",
                "application/json",
                "{\"title\":\"t\",\"topic\":\"t\",\"stock\":-1,\"price\":1}"),
            400),
        Arguments.of(
            "price with three decimals",
            withBody(
                cluster, "PUT", "/admin/items/1/price", "application/json", "{\"price\":1.001}"),
            400),
        Arguments.of(
            "negative price",
            withBody(cluster, "PUT", "/admin/items/1/price", "application/json", "{\"price\":-1}"),
            400),
        Arguments.of(
            "price of a billion",
            withBody(
                cluster,
                "PUT",
                "/admin/items/1/price",
                "application/json",
                "{\"price\":1000000000}"),
            400),
        Arguments.of(
            "price as a string",
            withBody(
                cluster, "PUT", "/admin/items/1/price", "application/json", "{\"price\":\"free\"}"),
            400),
        Arguments.of(
            "price of item 'one'",
            withBody(cluster, "PUT", "/admin/items/one/price", "application/json", "{\"price\":1}"),
            400),
        Arguments.of(
            "restock of 0 units",
            withBody(
                cluster, "POST", "/admin/items/1/restock", "application/json", "{\"quantity\":0}"),
            400),
        Arguments.of(
            "restock without a quantity",
            withBody(cluster, "POST", "/admin/items/1/restock", "application/json", "{}"),
            400),
        Arguments.of("classic lookup without an item number", classic(cluster, "/lookup"), 400),
        Arguments.of(
            "classic lookup of item 'abc'", classic(cluster, "/lookup?item_number=abc"), 400),
        Arguments.of("classic buy of item -1", classic(cluster, "/buy?item_number=-1"), 400),
        Arguments.of("classic search without a topic", classic(cluster, "/search"), 400),
        Arguments.of(
            "buy sent as text/plain (a cross-site form)",
            withBody(cluster, "POST", "/orders", "text/plain", buy),
            415),
        Arguments.of(
            "buy without a Content-Type", withBody(cluster, "POST", "/orders", null, buy), 415),
        Arguments.of(
            "buy of 20 KB",
            withBody(
                cluster,
                "POST",
                "/orders",
                "application/json",
                "{\"itemId\":1,\"quantity\":1,\"pad\":\"" + "x".repeat(20 * 1024) + "\"}"),
            413),
        Arguments.of(
            "admin change sent as a form",
            withBody(
                cluster,
                "PUT",
                "/admin/cache",
                "application/x-www-form-urlencoded",
                "enabled=false"),
            415),
        Arguments.of("a lookup deleted", withBody(cluster, "DELETE", "/books/1", null, ""), 405),
        Arguments.of(
            "an order replaced", withBody(cluster, "PUT", "/orders", "application/json", buy), 405),
        Arguments.of(
            "an Idempotency-Key of 600 characters",
            withBody(cluster, "POST", "/orders", "application/json", buy)
                .header("Idempotency-Key", "k".repeat(600)),
            400),
        Arguments.of(
            "an empty Idempotency-Key",
            withBody(cluster, "POST", "/orders", "application/json", buy)
                .header("Idempotency-Key", ""),
            400),
        Arguments.of(
            "Jersey's WADL",
            HttpRequest.newBuilder(URI.create(cluster.frontendUrl() + "/application.wadl")).GET(),
            404),
        Arguments.of(
            "a catalog replica's WADL, asked by a node",
            HttpRequest.newBuilder(URI.create(cluster.catalogUrl(1) + "/application.wadl"))
                .header(Http.CLUSTER_SECRET, cluster.clusterSecret())
                .GET(),
            404),
        Arguments.of(
            "an order replica's WADL, asked by a node",
            HttpRequest.newBuilder(URI.create(cluster.orderUrl(1) + "/application.wadl"))
                .header(Http.CLUSTER_SECRET, cluster.clusterSecret())
                .GET(),
            404),
        Arguments.of(
            "the web application's own files",
            HttpRequest.newBuilder(URI.create(cluster.frontendUrl() + "/WEB-INF/web.xml")).GET(),
            404));
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("refusedRequests")
  void isRefusedWithAProblemAndChangesNothing(
      String what, HttpRequest.Builder request, int status) {
    String orderPosition = orderPositions();
    HttpResponse<String> answer = send(request);
    assertEquals(status, answer.statusCode(), what + ": " + answer.body());
    assertEquals(
        Problem.MEDIA_TYPE,
        answer.headers().firstValue("Content-Type").orElse("").replaceAll(";.*", ""),
        what);
    assertEquals(status, Http.JSON.fromJson(answer.body(), Problem.class).status(), what);
    assertEquals("nosniff", answer.headers().firstValue("X-Content-Type-Options").orElse(""), what);
    assertFalse(
        NAMES_INTERNALS.matcher(answer.body()).find(),
        what + " names the server's internals: " + answer.body());
    assertEquals(List.of(), answer.headers().allValues("Server"), what + " names the server");
    assertEquals(List.of(), answer.headers().allValues("X-Powered-By"), what + " names the server");
    assertEquals(orderPosition, orderPositions(), what + " changed the orders");
  }

  @Test
  void anIdempotencyKeyAnswersOnlyTheRequestItWasFirstSentWith() {
    Item item =
        body(
            Http.admin(
                "POST",
                api + "/admin/items",
                "{\"title\":\"hostile input\",\"topic\":\"e2e\",\"stock\":50,\"price\":2.00}"),
            Item.class);
    String key = "hostile-" + System.nanoTime();
    String request = "{\"itemId\":" + item.id() + ",\"quantity\":1}";

    HttpResponse<String> first = post(api + "/orders", request, key);
    assertEquals(201, first.statusCode(), first.body());
    Order order = body(first, Order.class);
    String orders = orderPositions();

    for (String other :
        new String[] {
          "{\"itemId\":1,\"quantity\":1}", "{\"itemId\":" + item.id() + ",\"quantity\":2}"
        }) {
      HttpResponse<String> reused = post(api + "/orders", other, key);
      assertEquals(422, reused.statusCode(), other + ": " + reused.body());
      assertEquals(
          ProblemTypes.IDEMPOTENCY_KEY_REUSED,
          Http.JSON.fromJson(reused.body(), Problem.class).type());
    }
    HttpResponse<String> replayed = post(api + "/orders", request, key);
    assertEquals(201, replayed.statusCode(), replayed.body());
    assertEquals("true", replayed.headers().firstValue("Idempotent-Replayed").orElse(""));
    assertEquals(order, body(replayed, Order.class));

    assertEquals(orders, orderPositions(), "no order after the first");
    assertEquals(
        49,
        await("the stock one lower")
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> body(Http.get(api + "/books/" + item.id()), Item.class).stock(),
                stock -> stock == 49)
            .intValue(),
        "one unit taken, by the first request only");
  }

  /**
   * A client that starts a request and goes quiet is cut off after the listeners' 10 s idle timeout
   * (preboot.txt), on the front end and on a replica. The read below blocks until the node closes
   * the connection; its 30 s limit only bounds a failure.
   */
  @Test
  void aClientThatStopsSendingIsCutOff() throws IOException {
    for (String url : List.of(cluster.frontendUrl(), cluster.catalogUrl(1))) {
      URI node = URI.create(url);
      try (Socket socket = new Socket(node.getHost(), node.getPort())) {
        socket.setSoTimeout(30_000);
        long start = System.nanoTime();
        socket.getOutputStream().write("GET /api/books/1 HT".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        int read;
        try {
          read = socket.getInputStream().read();
        } catch (SocketTimeoutException e) {
          throw new AssertionError(url + " kept a silent client for 30 s", e);
        } catch (SocketException reset) {
          read = -1; // closed with a reset: cut off all the same
        }
        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        assertEquals(-1, read, url + " answered a request it never got whole");
        assertTrue(seconds <= 20, url + " kept a silent client for " + seconds + " s");
      }
    }
  }

  @Test
  void theRunDirectoryIsReadableByItsOwnerOnly() throws IOException {
    for (Path p :
        List.of(
            cluster.runDir(),
            cluster.runDir().resolve("frontend/node.log"),
            cluster.runDir().resolve("order-1/db"),
            cluster.runDir().resolve("cluster-secret"),
            cluster.adminPasswordFile())) {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
      assertTrue(perms.stream().allMatch(x -> x.name().startsWith("OWNER")), p + " is " + perms);
    }
  }

  private static HttpRequest.Builder get(Cluster cluster, String path) {
    return HttpRequest.newBuilder(URI.create(cluster.frontendUrl() + "/api" + path)).GET();
  }

  private static HttpRequest.Builder classic(Cluster cluster, String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create(cluster.frontendUrl() + pathAndQuery)).GET();
  }

  private static HttpRequest.Builder withBody(
      Cluster cluster, String method, String path, String type, String content) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(cluster.frontendUrl() + "/api" + path))
            .method(method, HttpRequest.BodyPublishers.ofString(content));
    if (path.startsWith("/admin/")) {
      b.header("Authorization", Http.adminLogin()); // logged in: the body itself is what is refused
    }
    return type == null ? b : b.header("Content-Type", type);
  }

  /**
   * @return calls only a node of the cluster may make, each as an outsider would send it
   */
  static Stream<Arguments> internalCalls(Cluster cluster) {
    String catalogPrimary = cluster.catalogUrl(Cluster.REPLICAS);
    return Stream.of(
        Arguments.of(
            "take stock without an order",
            "POST",
            catalogPrimary + "/catalog/items/5/decrement",
            "{\"quantity\":1,\"idempotencyKey\":\"forged\"}"),
        Arguments.of(
            "give stock back",
            "POST",
            catalogPrimary + "/catalog/items/decrements/forged/cancel",
            ""),
        Arguments.of(
            "make the primary step down for good",
            "POST",
            catalogPrimary + "/replica/step-down?epoch=999999",
            ""),
        Arguments.of(
            "announce a fake coordinator",
            "POST",
            catalogPrimary + "/replica/coordinator",
            "{\"replicaId\":1,\"epoch\":999999}"),
        Arguments.of("fetch the whole state", "GET", catalogPrimary + "/replica/snapshot", null),
        Arguments.of(
            "read the write log", "GET", catalogPrimary + "/replica/log?after=0&limit=10", null),
        Arguments.of("ask for a heartbeat", "GET", catalogPrimary + "/replica/heartbeat", null),
        Arguments.of(
            "read an order off a replica", "GET", cluster.orderUrl(1) + "/orders/1", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("internalCalls")
  void aReplicaRefusesWhatOnlyItsClusterMayAskWithoutTheClusterSecret(
      String what, String method, String url, String json) {
    String catalogPrimary = cluster.catalogUrl(Cluster.REPLICAS);
    ReplicaStatus before = body(Http.node(catalogPrimary + "/replica"), ReplicaStatus.class);
    for (String secret : new String[] {null, "not-the-secret"}) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(url))
              .method(
                  method,
                  json == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(json));
      if (json != null) {
        request.header("Content-Type", "application/json");
      }
      if (secret != null) {
        request.header(Http.CLUSTER_SECRET, secret);
      }
      HttpResponse<String> answer = send(request);
      String asked = what + (secret == null ? " without the secret" : " with a wrong secret");
      assertEquals(401, answer.statusCode(), asked + ": " + answer.body());
      assertEquals(
          "urn:bookstore:cluster-secret-required",
          Http.JSON.fromJson(answer.body(), Problem.class).type(),
          asked);
      assertEquals(
          "nosniff", answer.headers().firstValue("X-Content-Type-Options").orElse(""), asked);
    }
    ReplicaStatus after = body(Http.node(catalogPrimary + "/replica"), ReplicaStatus.class);
    assertEquals(
        before, after, what + " changed the catalog primary (role, epoch, sequence or digest)");
  }

  static Stream<Arguments> badCommandsFromTheCluster(Cluster cluster) {
    String catalogPrimary = cluster.catalogUrl(Cluster.REPLICAS);
    String orders = cluster.orderUrl(1) + "/orders";
    return Stream.of(
        Arguments.of(
            "a decrement of 0 units with a blank key",
            catalogPrimary + "/catalog/items/5/decrement",
            "{\"quantity\":0,\"idempotencyKey\":\" \"}",
            List.of("quantity: ", "idempotencyKey: ")),
        Arguments.of(
            "a decrement of 1.5 units",
            catalogPrimary + "/catalog/items/5/decrement",
            "{\"quantity\":1.5,\"idempotencyKey\":\"k\"}",
            List.of("quantity must be a whole number")),
        Arguments.of(
            "a restock without a body",
            catalogPrimary + "/catalog/items/5/restock",
            "",
            List.of("JSON body")),
        Arguments.of(
            "an order without a key",
            orders,
            "{\"itemId\":1,\"quantity\":1}",
            List.of("idempotencyKey: is required")),
        Arguments.of(
            "an order for item 0",
            orders,
            "{\"itemId\":0,\"quantity\":1,\"idempotencyKey\":\"k\"}",
            List.of("itemId: ")));
  }

  /**
   * The replicas check what their own cluster sends with the same constraints as the front end (one
   * definition, on the records), so a bug in a caller cannot write nonsense.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("badCommandsFromTheCluster")
  void aReplicaRefusesABadCommandEvenFromItsCluster(
      String what, String url, String json, List<String> named) {
    String catalog = position(cluster.catalogUrl(Cluster.REPLICAS));
    String orders = orderPositions();
    HttpResponse<String> answer = Http.nodePost(url, json);
    assertEquals(400, answer.statusCode(), what + ": " + answer.body());
    Problem problem = Http.JSON.fromJson(answer.body(), Problem.class);
    for (String name : named) {
      assertTrue(
          problem.detail().contains(name),
          what + ": '" + problem.detail() + "' does not say " + name);
    }
    assertEquals(
        catalog, position(cluster.catalogUrl(Cluster.REPLICAS)), what + " changed the catalog");
    assertEquals(orders, orderPositions(), what + " changed the orders");
  }

  @Test
  void noProcessButTheRightReplicasCanSendToAnUpdatesTopicOrReadAReplicasSubscription()
      throws Exception {
    String broker = "tcp://127.0.0.1:" + (61616 + Cluster.PORT_OFFSET);
    String frontendPassword =
        Files.readString(cluster.runDir().resolve("broker-password.frontend")).strip();
    String catalogTwoPassword =
        Files.readString(cluster.runDir().resolve("broker-password.catalog-2")).strip();
    String catalogBefore = position(cluster.catalogUrl(1));
    try (ServerLocator locator = ActiveMQClient.createServerLocator(broker);
        ClientSessionFactory factory = locator.createSessionFactory()) {
      assertThrows(
          ActiveMQSecurityException.class,
          () -> factory.createSession(null, null, false, true, true, false, 0),
          "a session without a user");
      assertThrows(
          ActiveMQSecurityException.class,
          () -> factory.createSession("catalog-1", "guessed", false, true, true, false, 0),
          "a session as a catalog replica with a guessed password");
      try (ClientSession catalogTwo =
          factory.createSession("catalog-2", catalogTwoPassword, false, true, true, false, 0)) {
        assertThrows(
            ActiveMQSecurityException.class,
            () -> catalogTwo.createConsumer("catalog-replica-1"),
            "catalog-2 reading catalog-1's subscription (it would take catalog-1's writes away)");
        assertThrows(
            ActiveMQSecurityException.class,
            () -> catalogTwo.createProducer("order.updates").send(catalogTwo.createMessage(true)),
            "a catalog replica sending an order write");
      }
      try (ClientSession frontend =
          factory.createSession("frontend", frontendPassword, false, true, true, false, 0)) {
        ClientProducer producer = frontend.createProducer("catalog.updates");
        ClientMessage forged = frontend.createMessage(true);
        forged.getBodyBuffer().writeString("{\"epoch\":999999,\"sequence\":1}");
        assertThrows(
            ActiveMQSecurityException.class,
            () -> producer.send(forged),
            "the front end's user sending a catalog write");
        assertThrows(
            ActiveMQSecurityException.class,
            () -> frontend.createConsumer("catalog-replica-1"),
            "the front end reading a replica's subscription");
      }
    }
    assertEquals(
        catalogBefore, position(cluster.catalogUrl(1)), "a catalog backup applied something");
  }

  /**
   * @return every order replica's last sequence and digest, once they agree (no write in flight)
   */
  private String orderPositions() {
    return await("the order replicas in step")
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                cluster.replicaUrls("order").stream()
                    .map(HostileInputIT::position)
                    .distinct()
                    .toList(),
            positions -> positions.size() == 1)
        .get(0);
  }

  /**
   * @return the replica's last sequence and digest
   */
  private static String position(String baseUrl) {
    ReplicaStatus status = body(Http.node(baseUrl + "/replica"), ReplicaStatus.class);
    return status.lastSequence() + "/" + status.digest();
  }
}
