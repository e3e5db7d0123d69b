package bookstore.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bookstore.api.Problem;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The admin login (SPEC "Admin"): every admin path of every node answers 401 problem+json without
 * the admin's credentials and with wrong ones, and changes nothing; the admin page sends a browser
 * without a login to its login form; the generated password file is its owner's only. The public
 * API needs no login.
 */
@ClusterTest
class AdminLoginIT {
  private static final String WRONG =
      "Basic "
          + Base64.getEncoder()
              .encodeToString("admin:not-the-password".getBytes(StandardCharsets.UTF_8));
  private final Cluster cluster;

  AdminLoginIT(Cluster cluster) {
    this.cluster = cluster;
  }

  /**
   * @return every admin path: each operation the front end's OpenAPI document lists under {@code
   *     /api/admin} (so that a new one is covered the day it is added), the admin page, and {@code
   *     /metrics} and {@code /openapi} on every node
   */
  static Stream<Arguments> adminPaths(Cluster cluster) {
    List<Arguments> paths = new ArrayList<>();
    JsonObject openApi =
        json(
            Http.send(
                    HttpRequest.newBuilder(URI.create(cluster.frontendUrl() + "/openapi"))
                        .header("Accept", "application/json")
                        .header("Authorization", Http.adminLogin())
                        .GET())
                .body());
    for (Map.Entry<String, jakarta.json.JsonValue> path :
        openApi.getJsonObject("paths").entrySet()) {
      if (path.getKey().startsWith("/api/admin")) {
        for (String method : path.getValue().asJsonObject().keySet()) {
          paths.add(
              Arguments.of(
                  method.toUpperCase(),
                  cluster.frontendUrl() + path.getKey().replace("{id}", "1")));
        }
      }
    }
    assertTrue(paths.size() >= 7, "the OpenAPI document lists the admin API: " + paths);
    List<String> nodes = new ArrayList<>(List.of(cluster.frontendUrl()));
    nodes.addAll(cluster.replicaUrls("catalog"));
    nodes.addAll(cluster.replicaUrls("order"));
    for (String node : nodes) {
      paths.add(Arguments.of("GET", node + "/metrics"));
      paths.add(Arguments.of("GET", node + "/openapi"));
    }
    return paths.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("adminPaths")
  void answers401WithoutTheLoginAndWithAWrongPassword(String method, String url) {
    String cacheBefore = Http.adminGet(cluster.frontendUrl() + "/api/admin/cache").body();
    for (String authorization : new String[] {null, WRONG}) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(url))
              .header("Content-Type", "application/json")
              .method(
                  method,
                  method.equals("GET") || method.equals("DELETE")
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(
                          "{\"enabled\":false,\"quantity\":5,\"price\":1.00,\"title\":\"x\",\"topic\":\"x\",\"stock\":1}"));
      if (authorization != null) {
        request.header("Authorization", authorization);
      }
      HttpResponse<String> answer = Http.send(request);
      String what =
          method
              + " "
              + url
              + (authorization == null ? " without a login" : " with a wrong password");
      assertEquals(401, answer.statusCode(), what + ": " + answer.body());
      assertTrue(
          answer.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic realm="),
          what);
      assertEquals(
          Problem.MEDIA_TYPE,
          answer.headers().firstValue("Content-Type").orElse("").replaceAll(";.*", ""),
          what);
      assertEquals(401, Http.JSON.fromJson(answer.body(), Problem.class).status(), what);
    }
    String cacheAfter = Http.adminGet(cluster.frontendUrl() + "/api/admin/cache").body();
    assertEquals(
        json(cacheBefore).getBoolean("enabled"),
        json(cacheAfter).getBoolean("enabled"),
        "a refused call switched the cache");
  }

  @Test
  void theAdminPageSendsABrowserWithoutALoginToTheLoginForm() {
    for (String page : new String[] {"/admin", "/admin/index.xhtml"}) {
      HttpResponse<String> answer = Http.get(cluster.frontendUrl() + page);
      String where = Http.followRedirects(cluster.frontendUrl() + page).uri().getPath();
      assertEquals(
          "/admin/login.xhtml", where, page + " without a login (" + answer.statusCode() + ")");
      assertFalse(
          Http.followRedirects(cluster.frontendUrl() + page).body().contains("Replicas"),
          page + " shows the replicas without a login");
    }
  }

  @Test
  void thePublicApiNeedsNoLogin() {
    assertEquals(200, Http.get(cluster.frontendUrl() + "/api/books/1").statusCode());
    assertEquals(200, Http.get(cluster.frontendUrl() + "/health/ready").statusCode());
  }

  @Test
  void theGeneratedPasswordFileIsItsOwnersOnly() throws IOException {
    assertEquals(
        EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
        Files.getPosixFilePermissions(cluster.adminPasswordFile()));
    assertTrue(
        cluster.adminPassword().length() >= 20, "a generated password of at least 20 characters");
  }

  @Test
  void theRightPasswordOpensTheAdminApi() {
    HttpResponse<String> answer = Http.adminGet(cluster.frontendUrl() + "/api/admin/replicas");
    assertEquals(200, answer.statusCode(), answer.body());
    assertEquals(200, Http.adminGet(cluster.catalogUrl(1) + "/metrics").statusCode());
  }

  private static JsonObject json(String text) {
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }
}
