package bookstore.bench.load;

/**
 * One request as the load generator saw it: a row of the run's CSV.
 *
 * @param startMicros when it was sent, in microseconds since the run started
 * @param operation what it was
 * @param itemId the item it concerned, 0 for a search
 * @param status the HTTP status, 0 when there was no answer
 * @param outcome ok, refused or error
 * @param latencyMicros from just before sending to the end of the answer's body, in microseconds
 * @param servedBy the answer's {@code X-Served-By} header ({@code cache} or {@code catalog-N}), or
 *     empty
 * @param error what went wrong for an error (exception or status), else empty
 */
public record Sample(
    long startMicros,
    Operation operation,
    int itemId,
    int status,
    Outcome outcome,
    long latencyMicros,
    String servedBy,
    String error) {

  /**
   * @return whether the front end answered from its cache
   */
  public boolean fromCache() {
    return "cache".equals(servedBy);
  }

  /**
   * @return when the request was sent, in seconds since the run started
   */
  public double startSeconds() {
    return startMicros / 1e6;
  }

  /**
   * @return the latency in milliseconds
   */
  public double latencyMillis() {
    return latencyMicros / 1e3;
  }
}
