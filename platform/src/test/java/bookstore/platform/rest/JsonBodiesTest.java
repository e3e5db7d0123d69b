package bookstore.platform.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import bookstore.api.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Request bodies are read strictly: exact whole numbers and Booleans, well-formed JSON. */
public class JsonBodiesTest {
  /** A request body shaped like the buy. */
  public record Buy(Integer itemId, Integer quantity, Boolean gift) {}

  @Test
  void wholeNumbersAndBooleansInRangeParse() {
    assertEquals(
        new Buy(7, 2, true),
        JsonBodies.parse("{\"itemId\":7,\"quantity\":2,\"gift\":true}", Buy.class));
    assertEquals(new Buy(7, null, null), JsonBodies.parse("{\"itemId\":7}", Buy.class));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"itemId\":1.5}",
        "{\"itemId\":7.9}",
        "{\"itemId\":\"5\"}",
        "{\"itemId\":4294967301}",
        "{\"quantity\":4294967297}",
        "{\"gift\":\"maybe\"}",
        "{\"gift\":1}",
        "[1,2]",
        "5",
        "{\"itemId\":"
      })
  void looseOrMalformedBodiesAreA400(String body) {
    ProblemException e =
        assertThrows(ProblemException.class, () -> JsonBodies.parse(body, Buy.class));
    assertEquals(400, e.problem().status(), body);
  }
}
