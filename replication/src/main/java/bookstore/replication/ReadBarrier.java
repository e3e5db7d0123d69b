package bookstore.replication;

import bookstore.api.Problem;
import bookstore.api.ProblemException;
import bookstore.api.ProblemTypes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Read your writes on a backup (SPEC guarantee 5): a read that says the lowest sequence number it
 * may see waits until this replica has applied it, up to {@code bookstore.replication.read-wait-ms}
 * (default 500 ms), woken by each commit ({@link CommittedPosition}), and is refused with 503 and
 * the problem type {@link ProblemTypes#REPLICA_BEHIND} after that, so the front end reads from the
 * primary.
 */
@ApplicationScoped
public class ReadBarrier {
  @Inject WriteSequencer sequencer;
  @Inject CommittedPosition position;

  @Inject
  @ConfigProperty(name = "bookstore.replication.read-wait-ms")
  long waitMs;

  /**
   * @param minSequence the lowest sequence number the read may see; 0 asks for nothing
   * @return the sequence number this replica had applied when the read may go on, at least {@code
   *     minSequence}
   * @throws ProblemException 503 {@link ProblemTypes#REPLICA_BEHIND} when still behind after the
   *     wait
   */
  public long await(long minSequence) {
    long applied = sequencer.current().getLastSequence();
    if (applied < minSequence) {
      applied = position.awaitSequence(minSequence, waitMs);
    }
    if (applied < minSequence) {
      throw new ProblemException(
          new Problem(
              ProblemTypes.REPLICA_BEHIND,
              "Replica Behind",
              503,
              "this replica has applied up to " + applied + ", the read needs " + minSequence));
    }
    return applied;
  }
}
