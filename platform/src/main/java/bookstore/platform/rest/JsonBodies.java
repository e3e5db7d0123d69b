package bookstore.platform.rest;

import bookstore.api.ProblemException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.io.StringReader;
import java.lang.reflect.RecordComponent;
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
      if (type.isRecord()) {
        requireExactTypes(body, type);
      }
      T value = JSONB.fromJson(body, type);
      if (value == null) {
        throw ProblemException.badRequest("the request body is not a JSON object");
      }
      return value;
    } catch (JsonbException | JsonException e) {
      throw ProblemException.badRequest("malformed JSON body: " + rootMessage(e));
    }
  }

  /**
   * JSON-B converts loosely: {@code 1.5} and {@code "5"} into an int field, {@code 4294967301}
   * into 5 (overflow), {@code "maybe"} into a Boolean false. Here every whole-number component of
   * the record must be a JSON number that is whole and in the component's range, and every
   * Boolean component JSON {@code true} or {@code false} (null or absent are left to the caller).
   */
  private static void requireExactTypes(String body, Class<?> type) {
    JsonValue parsed;
    try (JsonReader reader = Json.createReader(new StringReader(body))) {
      parsed = reader.readValue();
    }
    if (!(parsed instanceof JsonObject object)) {
      throw ProblemException.badRequest("the request body is not a JSON object");
    }
    for (RecordComponent component : type.getRecordComponents()) {
      JsonValue value = object.get(component.getName());
      if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
        continue;
      }
      Class<?> t = component.getType();
      String name = component.getName();
      if (t == int.class || t == Integer.class || t == long.class || t == Long.class) {
        if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
          throw ProblemException.badRequest(name + " must be a whole number, got " + value);
        }
        try {
          if (t == int.class || t == Integer.class) {
            number.intValueExact();
          } else {
            number.longValueExact();
          }
        } catch (ArithmeticException e) {
          throw ProblemException.badRequest(name + " is out of range: " + value);
        }
      } else if ((t == boolean.class || t == Boolean.class)
          && value.getValueType() != JsonValue.ValueType.TRUE && value.getValueType() != JsonValue.ValueType.FALSE) {
        throw ProblemException.badRequest(name + " must be true or false, got " + value);
      }
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
