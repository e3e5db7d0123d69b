package bookstore.platform.rest;

import bookstore.api.ProblemException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.io.StringReader;
import java.lang.reflect.RecordComponent;
import java.util.Map;

/**
 * Parses JSON request bodies strictly, with clear 400 answers: malformed JSON, a fraction, an
 * overflow or a string where a whole number belongs, anything but {@code true} or {@code false} for
 * a Boolean. {@link StrictJsonReader} reads every record body with it.
 */
public final class JsonBodies {
  private static final Jsonb JSONB = JsonbBuilder.create();

  /**
   * One reader factory for every body: {@code Json.createReader} looks the JSON-P provider up
   * through the class loaders' service files on each call, which cost a tenth of a node's CPU under
   * load.
   */
  private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

  private JsonBodies() {}

  /**
   * @param body the request body, JSON text
   * @param type the record it must hold
   * @param <T> that record's type
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
   * JSON-B converts loosely: {@code 1.5} and {@code "5"} into an int field, {@code 4294967301} into
   * 5 (overflow), {@code "maybe"} into a Boolean false. Here every whole-number component of the
   * record must be a JSON number that is whole and in the component's range, and every Boolean
   * component JSON {@code true} or {@code false} (null or absent are left to the caller).
   */
  private static void requireExactTypes(String body, Class<?> type) {
    JsonValue parsed;
    try (JsonReader reader = READERS.createReader(new StringReader(body))) {
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
          && value.getValueType() != JsonValue.ValueType.TRUE
          && value.getValueType() != JsonValue.ValueType.FALSE) {
        throw ProblemException.badRequest(name + " must be true or false, got " + value);
      }
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? e.getMessage() : t.getMessage();
  }
}
