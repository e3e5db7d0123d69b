package bookstore.bench.load;

/**
 * What one client does in one session; {@link LoadGenerator} repeats it on every client until the
 * run is over. A request made after the run ends does not return (the session simply stops).
 */
@FunctionalInterface
public interface Workload {
  /**
   * @param client the client's requests, timed and recorded
   */
  void session(LoadClient client);
}
