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
 * CPU on them (docs/PERFORMANCE.md). {@code ?from=ID} names the asking replica (0: a front end), so
 * that this replica knows when it last renewed its primary's lease ({@link
 * bookstore.replication.Membership#answerTo}).
 */
@WebServlet(urlPatterns = "/replica/heartbeat")
public class HeartbeatServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Inject transient LocalHeartbeat heartbeat;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    byte[] body =
        JsonMessages.toJson(heartbeat.answer(asker(request.getParameter("from"))))
            .getBytes(StandardCharsets.UTF_8);
    response.setContentType("application/json");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  /**
   * @param from {@code ?from=}: the asking replica's id, 0 for a front end
   * @return it, or null when absent or not a number (the answer then counts as a lease renewal)
   */
  static Integer asker(String from) {
    if (from == null || !from.matches("[0-9]{1,2}")) {
      return null;
    }
    return Integer.valueOf(from);
  }
}
