package bookstore.platform.rest;

import bookstore.api.Problem;
import bookstore.api.validation.Limits;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/**
 * What a request body may be (SPEC "Public API"): at most {@link Limits#MAX_BODY_BYTES} bytes on
 * every route (413 Content Too Large otherwise, read no further), and JSON ({@code
 * application/json}, any parameters) on the JSON API under {@code /api/} (415 Unsupported Media
 * Type otherwise). The JSON rule stops a form on any web page from buying ({@code text/plain} needs
 * no CORS preflight); the classic course routes ({@code /buy?item_number=N}) take no body and keep
 * their methods. Both answers are problem+json and change nothing.
 */
@Provider
@PreMatching
public class JsonRequestLimits implements ContainerRequestFilter {
  private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    if (!WITH_BODY.contains(request.getMethod())) {
      return;
    }
    byte[] body = readAtMost(request.getEntityStream(), Limits.MAX_BODY_BYTES + 1);
    if (body.length > Limits.MAX_BODY_BYTES) {
      request.abortWith(ProblemExceptionMapper.problem(tooLarge()));
      return;
    }
    request.setEntityStream(new ByteArrayInputStream(body));
    MediaType type = request.getMediaType();
    boolean json =
        type != null
            && type.isCompatible(MediaType.APPLICATION_JSON_TYPE)
            && !type.isWildcardType()
            && !type.isWildcardSubtype();
    if (body.length > 0 && !json && request.getUriInfo().getPath().startsWith("api/")) {
      request.abortWith(
          ProblemExceptionMapper.problem(
              new Problem(
                  "about:blank",
                  "Unsupported Media Type",
                  415,
                  "send the body as application/json, not "
                      + (type == null ? "without a Content-Type" : type.toString()))));
    }
  }

  /**
   * @return the 413 Content Too Large problem of a body over {@link Limits#MAX_BODY_BYTES}
   */
  static Problem tooLarge() {
    return new Problem(
        "about:blank",
        "Content Too Large",
        413,
        "request bodies are limited to " + Limits.MAX_BODY_BYTES + " bytes");
  }

  private static byte[] readAtMost(InputStream in, int limit) throws IOException {
    return in == null ? new byte[0] : in.readNBytes(limit);
  }
}
