package bookstore.bench.experiment;

import java.lang.management.ManagementFactory;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The machine an experiment ran on, for the record next to its figures.
 *
 * @param cores processors the JVM sees
 * @param os {@code os.name}, version and architecture
 * @param jvm the JVM's name and version
 * @param memoryMb physical memory, in MB (0 when the JVM does not say)
 * @param date when the experiment ran, with its time zone
 */
public record Machine(int cores, String os, String jvm, long memoryMb, String date) {
  /**
   * @return this machine, now
   */
  public static Machine current() {
    long memory = 0;
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      memory = os.getTotalMemorySize() / (1024 * 1024);
    }
    return new Machine(
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " ("
            + System.getProperty("os.arch")
            + ")",
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
        memory,
        ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT)));
  }

  /**
   * @return one Markdown line naming the machine
   */
  public String describe() {
    return String.format(
        Locale.ROOT, "%d cores, %s, %s, %,d MB memory; ran %s", cores, os, jvm, memoryMb, date);
  }
}
