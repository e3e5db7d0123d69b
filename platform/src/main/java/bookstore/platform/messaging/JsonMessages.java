package bookstore.platform.messaging;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

/**
 * JSON text for JMS message bodies. Messages are text, never {@code ObjectMessage}, so a consumer
 * never deserialises Java objects from the wire.
 */
public final class JsonMessages {
  private static final Jsonb JSONB = JsonbBuilder.create();

  private JsonMessages() {}

  /**
   * @param message a record from {@code bookstore.api}
   * @return its JSON text
   */
  public static String toJson(Object message) {
    return JSONB.toJson(message);
  }

  /**
   * @param json JSON text
   * @param type the record type it holds
   * @param <T> the record type
   * @return the parsed record
   * @throws jakarta.json.bind.JsonbException if the text is not that record's JSON
   */
  public static <T> T fromJson(String json, Class<T> type) {
    return JSONB.fromJson(json, type);
  }
}
