package bookstore.replication.rest;

import bookstore.api.Problem;
import bookstore.api.ProblemException;
import bookstore.api.ProblemTypes;
import bookstore.replication.Membership;
import bookstore.replication.Outbox;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Holds back the answer to a request that wrote (or replayed a write) until the broker holds that
 * write (SPEC guarantee 2: an order the client saw acknowledged survives the primary's crash, so
 * the write must have left the primary first). The write's transaction has committed by now; the
 * {@link Outbox} says which sequence number this request waits for. When the broker does not take
 * it within {@code bookstore.replication.publish-timeout-ms} (default 5,000 ms), or is unreachable,
 * the answer becomes 503 {@code urn:bookstore:broker-unavailable}: the write stays committed on the
 * primary and is replicated when the broker is back, and a retry with the same idempotency key
 * answers it then. A primary that has lost its lease by the time the broker confirms ({@link
 * Membership#holdsLease()}: it was frozen or cut off while the request ran) answers 503 {@code
 * urn:bookstore:write-in-doubt} instead: a newer primary may have started, and a write published
 * after that start is fenced out, so it must not be acknowledged (SPEC guarantee 2).
 */
@Provider
public class AcknowledgeWhenPublished implements ContainerResponseFilter {
  @Inject Outbox outbox;
  @Inject Membership membership;

  @Inject
  @ConfigProperty(name = "bookstore.replication.publish-timeout-ms")
  long timeoutMs;

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    long awaited = outbox.takeAwaited();
    if (awaited == 0 || response.getStatus() >= 300) {
      return;
    }
    try {
      outbox.awaitPublished(awaited, timeoutMs);
      if (!membership.holdsLease()) {
        throw new ProblemException(
            new Problem(
                ProblemTypes.WRITE_IN_DOUBT,
                "Write In Doubt",
                503,
                "write "
                    + awaited
                    + " is committed and published, but this primary lost its lease before it could"
                    + " acknowledge it (a newer primary may have fenced it out); a retry with the same"
                    + " Idempotency-Key answers it, made once"));
      }
    } catch (ProblemException notTaken) {
      response.getHeaders().clear(); // no Location of a write that was not acknowledged
      response.setStatus(notTaken.problem().status());
      response.setEntity(
          notTaken.problem(),
          new java.lang.annotation.Annotation[0],
          MediaType.valueOf(Problem.MEDIA_TYPE));
    }
  }
}
