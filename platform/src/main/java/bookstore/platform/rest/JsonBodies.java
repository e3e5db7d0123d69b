package bookstore.platform.rest;

import bookstore.api.ProblemException;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.util.regex.Pattern;

/**
 * Parses request bodies and path ids with clear 400 answers: resources take the body as text
 * and the id as a string, so that malformed JSON or a non-numeric id is a 400 problem with a
 * reason rather than the container's bare 400 or 404.
 */
public final class JsonBodies {
  private static final Jsonb JSONB = JsonbBuilder.create();
  private static final Pattern DECIMAL = Pattern.compile("[1-9][0-9]*");

  private JsonBodies() {}

  /**
   * @param body the request body, JSON text
   * @param type the record it must hold
   * @return the parsed record
   * @throws ProblemException 400 when the body is missing or not that JSON
   */
  public static <T> T parse(String body, Class<T> type) {
    if (body == null || body.isBlank()) {
      throw ProblemException.badRequest("the request needs a JSON body");
    }
    try {
      T value = JSONB.fromJson(body, type);
      if (value == null) {
        throw ProblemException.badRequest("the request body is not a JSON object");
      }
      return value;
    } catch (JsonbException e) {
      throw ProblemException.badRequest("malformed JSON body: " + rootMessage(e));
    }
  }

  /**
   * @param raw a path or query segment that must be an item or order number, written as
   *     {@code [1-9][0-9]*}
   * @param what what the number names, for the error text ("item id", "order number")
   * @param max the highest number accepted
   * @return the number, from 1 to {@code max}
   * @throws ProblemException 400 when it is not a positive whole number in range
   */
  public static long positiveId(String raw, String what, long max) {
    // exactly the digits: no sign, space, leading zero or non-ASCII digit (Long.parseLong takes
    // "+5" and an Arabic-Indic five), so that one item has one spelling
    if (raw == null || !DECIMAL.matcher(raw).matches()) {
      throw ProblemException.badRequest(what + " must be a positive whole number, got '" + raw + "'");
    }
    long value;
    try {
      value = Long.parseLong(raw);
    } catch (NumberFormatException e) { // beyond a long
      throw ProblemException.badRequest(what + " must be between 1 and " + max + ", got " + raw);
    }
    if (value < 1 || value > max) {
      throw ProblemException.badRequest(what + " must be between 1 and " + max + ", got " + value);
    }
    return value;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? e.getMessage() : t.getMessage();
  }
}
