package bookstore.platform.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import bookstore.api.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Ids in paths have one spelling: {@code [1-9][0-9]*}, within range (issue 11). */
class JsonBodiesTest {
  @Test
  void aPlainNumberInRangeIsTheId() {
    assertEquals(5, JsonBodies.positiveId("5", "item id", Integer.MAX_VALUE));
    assertEquals(Integer.MAX_VALUE, JsonBodies.positiveId("2147483647", "item id", Integer.MAX_VALUE));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " 5", "5 ", "+5", "-5", "05", "0", "\u0665", "5.0", "0x5", "2147483648", "99999999999999999999"})
  void anyOtherSpellingIsA400(String raw) {
    ProblemException e = assertThrows(ProblemException.class, () -> JsonBodies.positiveId(raw, "item id", Integer.MAX_VALUE));
    assertEquals(400, e.problem().status());
  }
}
