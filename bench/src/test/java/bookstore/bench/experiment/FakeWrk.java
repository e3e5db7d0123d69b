package bookstore.bench.experiment;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Stand-ins for the {@code wrk} program: shell scripts that print what wrk would, so wrk itself
 * need not be installed.
 */
public final class FakeWrk {
  /** wrk 4.1.0 (Debian) against the front end: cached lookups of item 1, all 200. */
  public static final String CACHED_LOOKUPS =
      """
      Running 3s test @ http://127.0.0.1:8080/api/books/1
        2 threads and 16 connections
        Thread Stats   Avg      Stdev     Max   +/- Stdev
          Latency     3.49ms    4.63ms  53.67ms   90.23%
          Req/Sec     3.39k   779.71     5.14k    72.13%
        Latency Distribution
           50%    1.79ms
           75%    3.49ms
           90%    7.97ms
           99%   24.25ms
        20647 requests in 3.10s, 5.32MB read
      Requests/sec:   6654.69
      Transfer/sec:      1.71MB
      """;

  private FakeWrk() {}

  /**
   * Writes an executable shell script named {@code wrk}.
   *
   * @param dir the directory to write it into
   * @param body the script after its {@code #!/bin/sh} line
   * @return the script
   * @throws IOException when it cannot be written
   */
  public static Path script(Path dir, String body) throws IOException {
    Path script = dir.resolve("wrk");
    Files.writeString(script, "#!/bin/sh\n" + body);
    assertTrue(script.toFile().setExecutable(true));
    return script;
  }

  /**
   * Writes a stand-in that notes each run's arguments as a line of {@code args}, copies the Lua
   * script it is given ({@code -s}) to {@code lua}, and prints {@code output}.
   *
   * @param dir the directory to write it into
   * @param args the file the arguments go to
   * @param lua the file the script given goes to
   * @param output what each run prints, ending with a newline
   * @return the stand-in
   * @throws IOException when it cannot be written
   */
  public static Path recording(Path dir, Path args, Path lua, String output) throws IOException {
    return script(
        dir,
        "echo \"$@\" >> '"
            + args
            + "'\nprev=\nfor a in \"$@\"; do\n  if [ \"$prev\" = -s ]; then cat \"$a\" > '"
            + lua
            + "'; fi\n  prev=$a\ndone\ncat <<'OUT'\n"
            + output
            + "OUT\n");
  }
}
