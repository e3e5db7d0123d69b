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
 * while the broker is unreachable new writes are refused and waiting callers answered at once; a
 * new primary's outbox starts after what it holds and sends its unpublished tail first.
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

    /**
     * @return the writes of the next batches sent, in order, until {@code count} were (each batch
     *     waited for up to 5 s)
     */
    List<Long> nextWrites(int count) throws InterruptedException {
      List<Long> sent = new ArrayList<>();
      while (sent.size() < count) {
        sent.addAll(next());
      }
      return sent;
    }

    /**
     * @return the next batch sent, waiting up to 5 s
     */
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

  private static final long EPOCH = 13;

  /** This replica becomes primary holding writes up to {@code last}, and starts writing. */
  private void startTermAfter(long last) {
    outbox.resume(List.of());
    outbox.beginWrite(EPOCH, last + 1);
  }

  private static Outbox.Entry entry(long sequence) {
    return new Outbox.Entry(sequence, "{\"sequence\":" + sequence + "}");
  }

  @Test
  void writesCommittedOutOfOrderArePublishedInSequenceOrder() throws Exception {
    startTermAfter(10);
    outbox.committed(entry(13));
    outbox.committed(entry(12));
    startPublisher();
    assertThrows(
        ProblemException.class, () -> outbox.awaitPublished(11, 100), "12 and 13 wait for 11");
    assertTrue(sender.batches.isEmpty(), "nothing is sent before 11 commits");
    outbox.committed(entry(11));
    List<Long> sent = new ArrayList<>(sender.next());
    outbox.committed(entry(15));
    outbox.committed(entry(14));
    sent.addAll(sender.nextWrites(5 - sent.size()));
    assertEquals(List.of(11L, 12L, 13L, 14L, 15L), sent);
    outbox.awaitPublished(15, 5_000);
    assertEquals(15, outbox.published());
  }

  /**
   * Starts a term after 0 and the publisher, and commits write 1; returns once it is being sent,
   * the broker holding the send until {@code sender.hold} is counted down.
   */
  private void firstWriteBeingSent() throws InterruptedException {
    startTermAfter(0);
    sender.hold = new CountDownLatch(1);
    startPublisher();
    outbox.committed(entry(1));
    assertTrue(sender.sending.await(5, TimeUnit.SECONDS), "the first write is being sent");
  }

  @Test
  void everyWriteCommittedDuringASendGoesOutInTheNextBatch() throws Exception {
    firstWriteBeingSent();
    for (long s = 2; s <= 40; s++) {
      outbox.committed(entry(s));
    }
    sender.hold.countDown();
    assertEquals(List.of(1L), sender.next());
    List<Long> second = sender.next();
    assertEquals(
        39, second.size(), "one broker transaction for the 39 writes that waited: " + second);
    assertEquals(2L, second.get(0));
    assertEquals(40L, second.get(38));
  }

  @Test
  void aBatchCarriesAtMostMaxBatchWrites() throws Exception {
    startTermAfter(0);
    for (long s = 1; s <= Outbox.MAX_BATCH + 5; s++) {
      outbox.committed(entry(s));
    }
    startPublisher();
    assertEquals(Outbox.MAX_BATCH, sender.next().size());
    assertEquals(5, sender.next().size());
  }

  @Test
  void aCallerIsAcknowledgedOnlyOnceTheBrokerHoldsItsWrite() throws Exception {
    firstWriteBeingSent();
    assertThrows(
        ProblemException.class, () -> outbox.awaitPublished(1, 50), "not yet held by the broker");
    sender.hold.countDown();
    outbox.awaitPublished(1, 5_000);
    assertEquals(1, outbox.published());
  }

  @Test
  void aFailedSendIsRetriedWholeAfterReconnecting() throws Exception {
    startTermAfter(0);
    sender.failuresLeft.set(1);
    outbox.committed(entry(1));
    outbox.committed(entry(2));
    startPublisher();
    assertEquals(
        List.of(1L, 2L), sender.next(), "the same batch, sent again once the broker answered");
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
    startTermAfter(0);
    sender.brokerDown = true;
    outbox.committed(entry(1));
    startPublisher();
    long started = System.nanoTime();
    ProblemException e =
        assertThrows(ProblemException.class, () -> outbox.awaitPublished(1, 10_000));
    assertTrue(
        System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5),
        "answered long before the 10 s timeout");
    assertEquals(ProblemTypes.BROKER_UNAVAILABLE, e.problem().type());
    assertFalse(outbox.brokerReachable());
    sender.brokerDown = false;
    assertEquals(
        List.of(1L), sender.next(), "published once the broker is back: the write was kept");
    outbox.awaitPublished(1, 5_000);
    assertTrue(outbox.brokerReachable());
  }

  @Test
  void aNewPrimarySendsItsUnpublishedTailFirstAndDropsWhatAnEarlierTermLeftPending()
      throws Exception {
    startTermAfter(0);
    outbox.committed(
        entry(3)); // an earlier term's write that never went out (2 never committed here)
    outbox.resume(List.of(entry(6), entry(7)));
    outbox.beginWrite(EPOCH + 10, 8); // the new term's first write
    outbox.committed(entry(8));
    outbox.committed(entry(5)); // at or below the published mark: ignored
    startPublisher();
    assertEquals(List.of(6L, 7L, 8L), sender.nextWrites(3));
  }

  @Test
  void aReplayIsAcknowledgedOnlyOnceEveryWriteCommittedSoFarIsPublished() {
    startTermAfter(4);
    outbox.committed(entry(5));
    outbox.committed(entry(6));
    outbox.acknowledgeAfterEverythingCommitted();
    assertEquals(6, outbox.takeAwaited());
    assertEquals(
        0, outbox.takeAwaited(), "taken once: the next request on this thread waits for nothing");
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
    assertFalse(
        outbox.brokerReachable(),
        "and the failed attempt makes writes refused with a clear problem");
  }

  @Test
  void aTermStartsPublishingAfterWhateverItsPrimaryAppliedBeforeItsFirstWrite() throws Exception {
    outbox.resume(List.of()); // became primary at 1100 ...
    outbox.beginWrite(EPOCH, 1102); // ... then applied 1101 from the old primary before writing
    outbox.committed(entry(1102));
    startPublisher();
    assertEquals(
        List.of(1102L),
        sender.next(),
        "1101 was not this primary's to publish: no stall waiting for it");
    outbox.awaitPublished(1102, 5_000);
  }

  @Test
  void aLaterWriteOfTheSameTermDoesNotMoveThePublishedMark() throws Exception {
    startTermAfter(20);
    outbox.committed(entry(22));
    outbox.beginWrite(EPOCH, 23); // 21 and 22 are this term's: 21 still to come
    outbox.committed(entry(23));
    startPublisher();
    assertThrows(ProblemException.class, () -> outbox.awaitPublished(22, 100), "22 waits for 21");
    outbox.committed(entry(21));
    assertEquals(List.of(21L, 22L, 23L), sender.nextWrites(3));
  }
}
