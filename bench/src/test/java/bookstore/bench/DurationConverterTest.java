package bookstore.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DurationConverterTest {
  private final DurationConverter converter = new DurationConverter();

  @Test
  void readsShortAndIsoForms() {
    assertEquals(Duration.ofSeconds(30), converter.convert("30s"));
    assertEquals(Duration.ofMillis(500), converter.convert("500ms"));
    assertEquals(Duration.ofMinutes(2), converter.convert("2m"));
    assertEquals(Duration.ofMillis(1500), converter.convert("1.5s"));
    assertEquals(Duration.ofSeconds(12), converter.convert("PT12S"));
  }

  @Test
  void readsABareZeroAsNone() {
    assertEquals(Duration.ZERO, converter.convert("0"));
    assertEquals(Duration.ZERO, converter.convert("0s"));
    assertThrows(
        CommandLine.TypeConversionException.class,
        () -> converter.convert("5"),
        "a number other than 0 needs a unit");
  }

  @Test
  void refusesWhatIsNoDuration() {
    assertThrows(CommandLine.TypeConversionException.class, () -> converter.convert("soon"));
  }
}
