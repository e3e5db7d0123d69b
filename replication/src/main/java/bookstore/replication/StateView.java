package bookstore.replication;

/**
 * A service's view of its own replicated state, for {@code GET /replica} (SPEC guarantee 4).
 * Each service implements it once over its tables.
 */
public interface StateView {

  /** @return SHA-256 over the service's records in key order (see {@link StateDigest}) */
  String digest();
}
