package bookstore.replication.rest;

import bookstore.platform.messaging.JsonMessages;
import bookstore.replication.LocalHeartbeat;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Serves {@code GET /replica/heartbeat} ({@link bookstore.platform.clients.ReplicaApi#heartbeat()},
 * the same JSON) as a plain servlet, ahead of the JAX-RS application (an exact servlet mapping wins
 * over the application's {@code /*}). Heartbeats are the store's most frequent request at rest:
 * every replica asks each peer every second and the front end asks every replica. Through JAX-RS
 * each cost the answering replica about 1.9 ms of CPU (C1); the idle 3 + 3 store spent most of its
 * CPU on them (docs/PERFORMANCE.md, issue 9).
 */
@WebServlet(urlPatterns = "/replica/heartbeat")
public class HeartbeatServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Inject transient LocalHeartbeat heartbeat;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    byte[] body = JsonMessages.toJson(heartbeat.now()).getBytes(StandardCharsets.UTF_8);
    response.setContentType("application/json");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
