package bookstore.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bookstore.api.ProblemException;
import bookstore.api.ProblemTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The primary's transactional outbox ({@link Outbox}): committed writes reach the broker in
 * sequence order whatever order their commits are reported in, in batches of everything that
 * committed since the last send; a caller is acknowledged only once the broker holds its write;
 * while the broker is unreachable new writes are refused and waiting callers answered at once;
 * a new primary's outbox starts after what it holds and sends its unpublished tail first.
 */
class OutboxTest {
  private final Outbox outbox = new Outbox();
  private final RecordingSender sender = new RecordingSender();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private Thread publisher;

  /** Records every batch; can be told to fail, or to hold a send until released. */
  static final class RecordingSender implements Outbox.Sender {
    final BlockingQueue<List<Long>> batches = new LinkedBlockingQueue<>();
    final AtomicInteger failuresLeft = new AtomicInteger();
    final AtomicInteger connects = new AtomicInteger();
    volatile boolean brokerDown;
    volatile CountDownLatch hold = new CountDownLatch(0);
    final CountDownLatch sending = new CountDownLatch(1);

    @Override
    public void connect() throws Exception {
      connects.incrementAndGet();
      if (brokerDown) {
        throw new Exception("connection refused");
      }
    }

    @Override
    public void send(List<Outbox.Entry> batch) throws Exception {
      sending.countDown();
      hold.await(5, TimeUnit.SECONDS);
      if (brokerDown || failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new Exception("broker did not confirm");
      }
      batches.add(batch.stream().map(Outbox.Entry::sequence).toList());
    }

    /** @return the next batch sent, waiting up to 5 s */
    List<Long> next() throws InterruptedException {
      List<Long> batch = batches.poll(5, TimeUnit.SECONDS);
      if (batch == null) {
        throw new AssertionError("no batch was sent within 5 s");
      }
      return batch;
    }
  }

  private void startPublisher() {
    publisher = new Thread(() -> outbox.runPublisher(sender, running::get), "test-publisher");
    publisher.start();
  }

  @AfterEach
  void stopPublisher() throws InterruptedException {
    running.set(false);
    if (publisher != null) {
      publisher.interrupt();
      publisher.join(5_000);
    }
  }

  private static Outbox.Entry entry(long sequence) {
    return new Outbox.Entry(sequence, "{\"sequence\":" + sequence + "}");
  }

  @Test
  void writesCommittedOutOfOrderArePublishedInSequenceOrder() throws Exception {
    outbox.resume(10, List.of());
    outbox.committed(entry(13));
    outbox.committed(entry(12));
    startPublisher();
    assertThrows(ProblemException.class, () -> outbox.awaitPublished(11, 100), "12 and 13 wait for 11");
    assertTrue(sender.batches.isEmpty(), "nothing is sent before 11 commits");
    outbox.committed(entry(11));
    List<Long> sent = new ArrayList<>(sender.next());
    outbox.committed(entry(15));
    outbox.committed(entry(14));
    while (sent.size() < 5) {
      sent.addAll(sender.next());
    }
    assertEquals(List.of(11L, 12L, 13L, 14L, 15L), sent);
    outbox.awaitPublished(15, 5_000);
    assertEquals(15, outbox.published());
  }

  @Test
  void everyWriteCommittedDuringASendGoesOutInTheNextBatch() throws Exception {
    outbox.resume(0, List.of());
    sender.hold = new CountDownLatch(1);
    startPublisher();
    outbox.committed(entry(1));
    assertTrue(sender.sending.await(5, TimeUnit.SECONDS), "the first write is being sent");
    for (long s = 2; s <= 40; s++) {
      outbox.committed(entry(s));
    }
    sender.hold.countDown();
    assertEquals(List.of(1L), sender.next());
    List<Long> second = sender.next();
    assertEquals(39, second.size(), "one broker transaction for the 39 writes that waited: " + second);
    assertEquals(2L, second.get(0));
    assertEquals(40L, second.get(38));
  }

  @Test
  void aBatchCarriesAtMostMaxBatchWrites() throws Exception {
    outbox.resume(0, List.of());
    for (long s = 1; s <= Outbox.MAX_BATCH + 5; s++) {
      outbox.committed(entry(s));
    }
    startPublisher();
    assertEquals(Outbox.MAX_BATCH, sender.next().size());
    assertEquals(5, sender.next().size());
  }

  @Test
  void aCallerIsAcknowledgedOnlyOnceTheBrokerHoldsItsWrite() throws Exception {
    outbox.resume(0, List.of());
    sender.hold = new CountDownLatch(1);
    startPublisher();
    outbox.committed(entry(1));
    assertTrue(sender.sending.await(5, TimeUnit.SECONDS));
    assertThrows(ProblemException.class, () -> outbox.awaitPublished(1, 50), "not yet held by the broker");
    sender.hold.countDown();
    outbox.awaitPublished(1, 5_000);
    assertEquals(1, outbox.published());
  }

  @Test
  void aFailedSendIsRetriedWholeAfterReconnecting() throws Exception {
    outbox.resume(0, List.of());
    sender.failuresLeft.set(1);
    outbox.committed(entry(1));
    outbox.committed(entry(2));
    startPublisher();
    assertEquals(List.of(1L, 2L), sender.next(), "the same batch, sent again once the broker answered");
    assertTrue(sender.connects.get() >= 2, "the publisher reconnected before sending again");
    outbox.awaitPublished(2, 5_000);
    assertTrue(outbox.brokerReachable());
  }

  @Test
  void whileTheBrokerIsUnreachableWritesAreRefusedBeforeTheyTakeASequence() {
    outbox.requireBroker();
    outbox.brokerLost();
    ProblemException refused = assertThrows(ProblemException.class, outbox::requireBroker);
    assertEquals(ProblemTypes.BROKER_UNAVAILABLE, refused.problem().type());
    assertEquals(503, refused.problem().status());
    outbox.brokerBack();
    outbox.requireBroker();
  }

  @Test
  void aCallerWaitingWhenTheBrokerGoesIsAnsweredAtOnce() throws Exception {
    outbox.resume(0, List.of());
    sender.brokerDown = true;
    outbox.committed(entry(1));
    startPublisher();
    long started = System.nanoTime();
    ProblemException e = assertThrows(ProblemException.class, () -> outbox.awaitPublished(1, 10_000));
    assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5), "answered long before the 10 s timeout");
    assertEquals(ProblemTypes.BROKER_UNAVAILABLE, e.problem().type());
    assertFalse(outbox.brokerReachable());
    sender.brokerDown = false;
    assertEquals(List.of(1L), sender.next(), "published once the broker is back: the write was kept");
    outbox.awaitPublished(1, 5_000);
    assertTrue(outbox.brokerReachable());
  }

  @Test
  void aNewPrimarySendsItsUnpublishedTailFirstAndDropsWhatAnEarlierTermLeftPending() throws Exception {
    outbox.resume(0, List.of());
    outbox.committed(entry(3)); // an earlier term's write that never went out (2 never committed here)
    outbox.resume(7, List.of(entry(6), entry(7)));
    outbox.committed(entry(8));
    outbox.committed(entry(5)); // at or below the published mark: ignored
    startPublisher();
    List<Long> sent = new ArrayList<>(sender.next());
    while (sent.size() < 3) {
      sent.addAll(sender.next());
    }
    assertEquals(List.of(6L, 7L, 8L), sent);
  }

  @Test
  void aReplayIsAcknowledgedOnlyOnceEveryWriteCommittedSoFarIsPublished() {
    outbox.resume(4, List.of());
    outbox.committed(entry(5));
    outbox.committed(entry(6));
    outbox.acknowledgeAfterEverythingCommitted();
    assertEquals(6, outbox.takeAwaited());
    assertEquals(0, outbox.takeAwaited(), "taken once: the next request on this thread waits for nothing");
  }

  @Test
  void aRequestWaitsForTheHighestWriteItMade() {
    outbox.acknowledgeAfter(9);
    outbox.acknowledgeAfter(7);
    assertEquals(9, outbox.takeAwaited());
  }

  @Test
  void aNodeIsReadyForWritesOnceItsPublisherHasTriedTheBroker() throws Exception {
    assertTrue(outbox.firstContactMade(), "no publisher runs: nothing to wait for");
    CountDownLatch connecting = new CountDownLatch(1);
    CountDownLatch answer = new CountDownLatch(1);
    Outbox.Sender slowBroker =
        new Outbox.Sender() {
          @Override
          public void connect() throws Exception {
            connecting.countDown();
            answer.await(5, TimeUnit.SECONDS);
            throw new Exception("connection refused");
          }

          @Override
          public void send(List<Outbox.Entry> batch) {}
        };
    publisher = new Thread(() -> outbox.runPublisher(slowBroker, running::get), "test-publisher");
    publisher.start();
    assertTrue(connecting.await(5, TimeUnit.SECONDS));
    assertFalse(outbox.firstContactMade(), "not ready while the first connection is being opened");
    answer.countDown();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!outbox.firstContactMade() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertTrue(outbox.firstContactMade(), "ready after the first attempt, even a failed one");
    assertFalse(outbox.brokerReachable(), "and the failed attempt makes writes refused with a clear problem");
  }
}
