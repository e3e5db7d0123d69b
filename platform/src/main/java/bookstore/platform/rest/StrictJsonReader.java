package bookstore.platform.rest;

import bookstore.api.ProblemException;
import bookstore.api.validation.Limits;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Reads every JSON request body that a resource takes as a record, strictly: exact whole numbers
 * and Booleans through {@link JsonBodies#parse}, at most {@link Limits#MAX_BODY_BYTES} bytes.
 * Resources declare the record as their body parameter with {@code @Valid}, and its constraints are
 * checked next; so that a malformed body and a constraint violation are both a 400 problem+json
 * with a reason, never a container page or a message naming a Java class.
 *
 * <p>Chosen over the container's JSON-B reader because it is registered by the application and is
 * more specific ({@code Record} rather than {@code Object}). It reads any declared media type:
 * which types a route accepts is {@link JsonRequestLimits}' rule (415 otherwise), so an empty body
 * without a {@code Content-Type} is a 400 that says a body is needed.
 */
@Provider
public class StrictJsonReader implements MessageBodyReader<Record> {
  @Override
  public boolean isReadable(
      Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
    return type.isRecord();
  }

  /**
   * @return the record the body holds
   * @throws ProblemException 400 when the body is empty, malformed or loosely typed; 413 when it is
   *     larger than {@link Limits#MAX_BODY_BYTES}
   */
  @Override
  public Record readFrom(
      Class<Record> type,
      Type genericType,
      Annotation[] annotations,
      MediaType mediaType,
      MultivaluedMap<String, String> httpHeaders,
      InputStream entityStream)
      throws IOException {
    byte[] body = entityStream.readNBytes(Limits.MAX_BODY_BYTES + 1);
    if (body.length > Limits.MAX_BODY_BYTES) {
      throw new ProblemException(JsonRequestLimits.tooLarge());
    }
    return JsonBodies.parse(new String(body, charset(mediaType)), type);
  }

  private static Charset charset(MediaType type) {
    String name = type == null ? null : type.getParameters().get(MediaType.CHARSET_PARAMETER);
    try {
      return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest("unknown charset '" + name + "'");
    }
  }
}
