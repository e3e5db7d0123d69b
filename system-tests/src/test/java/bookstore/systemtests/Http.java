package bookstore.systemtests;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A small HTTP/JSON helper for the end-to-end tests. */
public final class Http {
  public static final Jsonb JSON = JsonbBuilder.create();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private static final HttpClient BROWSER =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NORMAL)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /**
   * The header that carries the cluster secret, as the nodes send it (platform's
   * ClusterSecret.HEADER).
   */
  static final String CLUSTER_SECRET = "Bookstore-Cluster-Secret";

  private Http() {}

  /**
   * @param url absolute URL
   * @return the response
   */
  public static HttpResponse<String> get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET());
  }

  /**
   * @param url absolute URL
   * @param json body
   * @return the response
   */
  public static HttpResponse<String> post(String url, String json) {
    return post(url, json, null);
  }

  /**
   * @param url absolute URL
   * @param json body
   * @param idempotencyKey sent as {@code Idempotency-Key} unless null
   * @return the response
   */
  public static HttpResponse<String> post(String url, String json, String idempotencyKey) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return send(request);
  }

  /**
   * @param url absolute URL
   * @param json body
   * @return the response to a PUT
   */
  public static HttpResponse<String> put(String url, String json) {
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  /**
   * @return the {@code Authorization} header value that logs in as the shared cluster's admin (HTTP
   *     Basic, RFC 7617; the password {@code ./bookstore start} generated)
   */
  public static String adminLogin() {
    String login = "admin:" + Cluster.forRequests().adminPassword();
    return "Basic " + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * @param url absolute URL on a catalog or order replica
   * @return the response to a GET sent as a node of the cluster would send it (with the cluster
   *     secret; a replica answers no one else)
   */
  public static HttpResponse<String> node(String url) {
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .header(CLUSTER_SECRET, Cluster.forRequests().clusterSecret())
            .GET());
  }

  /**
   * @param url absolute URL on a replica
   * @param json body
   * @return the response to a POST sent with the cluster secret
   */
  public static HttpResponse<String> nodePost(String url, String json) {
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .header(CLUSTER_SECRET, Cluster.forRequests().clusterSecret())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /**
   * @param url absolute URL of an admin call
   * @return the response to a GET as the admin
   */
  public static HttpResponse<String> adminGet(String url) {
    return send(
        HttpRequest.newBuilder(URI.create(url)).header("Authorization", adminLogin()).GET());
  }

  /**
   * @param url absolute URL of an admin call
   * @param method POST, PUT or DELETE
   * @param json body, or null
   * @return the response
   */
  public static HttpResponse<String> admin(String method, String url, String json) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).header("Authorization", adminLogin());
    if (json == null) {
      return send(request.method(method, HttpRequest.BodyPublishers.noBody()));
    }
    return send(
        request
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(json)));
  }

  /**
   * @param response a 2xx answer
   * @param type record type
   * @return the parsed body
   */
  public static <T> T body(HttpResponse<String> response, Class<T> type) {
    if (response.statusCode() / 100 != 2) {
      throw new AssertionError(
          "expected 2xx, got " + response.statusCode() + ": " + response.body());
    }
    return JSON.fromJson(response.body(), type);
  }

  /**
   * @param url absolute URL
   * @return the response to a GET that follows redirects (a browser's way), its {@code uri()} where
   *     it ended
   */
  public static HttpResponse<String> followRedirects(String url) {
    return send(BROWSER, HttpRequest.newBuilder(URI.create(url)).GET());
  }

  /**
   * @param request any request, sent with a 30 s timeout
   * @return the response
   */
  public static HttpResponse<String> send(HttpRequest.Builder request) {
    return send(CLIENT, request);
  }

  private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) {
    try {
      return client.send(
          request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
