package bookstore.frontend.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The highest catalog and order sequence numbers this front end has seen acknowledged. Every read
 * carries them as the lowest sequence it may see, so no read served after a write was acknowledged
 * shows the state from before it, whichever replica serves it (SPEC guarantee 5).
 */
@ApplicationScoped
public class SeenSequences {
  private final AtomicLong catalog = new AtomicLong();
  private final AtomicLong order = new AtomicLong();

  /**
   * @param sequence an acknowledged catalog write's sequence number
   */
  public void catalogWritten(long sequence) {
    catalog.accumulateAndGet(sequence, Math::max);
  }

  /**
   * @param sequence an acknowledged order write's sequence number
   */
  public void orderWritten(long sequence) {
    order.accumulateAndGet(sequence, Math::max);
  }

  /**
   * @return the lowest catalog sequence a read may see
   */
  public long catalog() {
    return catalog.get();
  }

  /**
   * @return the lowest order sequence a read may see
   */
  public long order() {
    return order.get();
  }
}
