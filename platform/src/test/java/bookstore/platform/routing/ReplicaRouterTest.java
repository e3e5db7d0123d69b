package bookstore.platform.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bookstore.api.Problem;
import bookstore.api.ProblemException;
import bookstore.api.ProblemTypes;
import bookstore.api.internal.Heartbeat;
import bookstore.platform.routing.ReplicaRouter.ReplicaView;
import bookstore.platform.routing.RoutingEvents.Kind;
import jakarta.ws.rs.ProcessingException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * What a caller learns from the heartbeats of one service's replicas, and where it sends reads and
 * writes: round robin over the live replicas, writes to the primary, both through a failover under
 * the {@link Failover} policy (here a stand-in that retries at once, up to 5 attempts, as the
 * container's interceptor does with its pause and deadline).
 */
class ReplicaRouterTest {
  /** Events as recorded, newest first, as the admin page lists them. */
  private final List<Kind> kinds = new ArrayList<>();

  private final List<String> texts = new ArrayList<>();

  /**
   * The replicas a test's requests were sent to, in order ({@link #failing}, {@link
   * #answeringAfter}).
   */
  private final List<String> tried = new ArrayList<>();

  private final RoutingEvents events =
      (kind, text) -> {
        kinds.add(0, kind);
        texts.add(0, text);
      };

  /** Makes Failover's retries without its interceptor. */
  private static final Failover FIVE_ATTEMPTS =
      new Failover() {
        @Override
        public <T> T untilDeadline(Supplier<T> attempt) {
          for (int i = 1; ; i++) {
            try {
              return attempt.get();
            } catch (Failover.Retryable e) {
              if (i == 5) {
                throw e;
              }
            }
          }
        }
      };

  /**
   * @return a catalog router over three replicas whose "clients" are their URLs, retrying five
   *     times
   */
  private static ReplicaRouter<String> catalogRouter(RoutingEvents events, Executor writes) {
    return new ReplicaRouter<>(
        "catalog",
        List.of("http://r1", "http://r2", "http://r3"),
        url -> url,
        url -> url,
        FIVE_ATTEMPTS,
        events,
        writes);
  }

  private final ReplicaRouter<String> catalog = catalogRouter(events, null);

  @Test
  void beforeAnyHeartbeatNoPrimaryIsKnown() {
    assertEquals(Optional.of("no catalog primary heard yet"), catalog.missing());
  }

  @Test
  void aBackupAloneIsNotEnough() {
    catalog.heard(1, new Heartbeat(1, 0, 4, 10, 4));
    assertEquals(Optional.of("no catalog primary heard yet"), catalog.missing());
  }

  @Test
  void aLivePrimaryThatAnswersServes() {
    catalog.heard(1, new Heartbeat(1, 3, 4, 10, 4));
    catalog.heard(3, new Heartbeat(3, 3, 4, 10, 4));
    assertEquals(Optional.empty(), catalog.missing());
  }

  @Test
  void aPrimaryThatMissedItsHeartbeatsNoLongerCounts() {
    catalog.heard(3, new Heartbeat(3, 3, 4, 10, 4));
    catalog.heard(3, null);
    assertEquals(Optional.of("no catalog primary heard yet"), catalog.missing());
  }

  @Test
  void aFailoverIsRecordedAsADownAndANewPrimary() {
    catalog.heard(2, new Heartbeat(2, 3, 4, 10, 4));
    catalog.heard(3, new Heartbeat(3, 3, 4, 10, 4));
    catalog.heard(3, null);
    catalog.heard(2, new Heartbeat(2, 2, 5, 10, 4));

    assertEquals(List.of(Kind.PRIMARY, Kind.DOWN, Kind.PRIMARY), kinds);
    assertEquals("catalog-2 is primary in epoch 5 (was catalog-3 in epoch 4)", texts.get(0));
    ReplicaView down = catalog.view().get(2);
    assertEquals("dead", down.state());
    assertTrue(down.downSinceMs() > 0, "a dead replica says since when");
  }

  @Test
  void aBackupBehindThePrimaryShowsItsLagInWrites() {
    catalog.heard(3, new Heartbeat(3, 3, 4, 25, 4));
    catalog.heard(1, new Heartbeat(1, 3, 4, 21, 4));

    ReplicaView backup = catalog.view().get(0);
    assertEquals(4, backup.lagWrites());
    assertEquals(0, catalog.view().get(2).lagWrites(), "the primary lags no one");
  }

  @Test
  void aReplicaThatComesBackIsCaughtUpOnceAtThePrimarysSequence() {
    catalog.heard(3, new Heartbeat(3, 3, 4, 25, 4));
    catalog.heard(1, null);
    catalog.heard(1, new Heartbeat(1, 3, 4, 20, 4));
    assertEquals("catching up", catalog.view().get(0).state());
    catalog.heard(1, new Heartbeat(1, 3, 4, 25, 4));

    assertEquals("alive", catalog.view().get(0).state());
    assertEquals(Kind.CAUGHT_UP, kinds.get(0));
  }

  private static ProcessingException refused() {
    return new ProcessingException(new ConnectException("Connection refused"));
  }

  @Test
  void aWriteGoesToThePrimaryTheHeartbeatsName() {
    catalog.heard(2, new Heartbeat(2, 2, 4, 10, 4));
    assertEquals("ok from http://r2", catalog.write(url -> "ok from " + url, false));
  }

  @Test
  void aReadSkipsAReplicaThatRefusesAndMarksItDead() {
    heardAll();
    for (int i = 0; i < 3; i++) {
      String answer =
          catalog.read(
              url -> {
                if (url.equals("http://r1")) {
                  throw refused();
                }
                return url;
              });
      assertTrue(!answer.equals("http://r1"), answer);
    }
    assertEquals("dead", catalog.view(1).state());
  }

  @Test
  void aWriteFollowsThePrimaryThroughAnElection() {
    heardAll();
    String answer =
        catalog.write(
            answeringAfter(
                new ProblemException(
                    new Problem(ProblemTypes.NO_PRIMARY, "No Primary", 503, "election"))),
            true);
    assertEquals("http://r3", answer);
    assertEquals(List.of("http://r3", "http://r3"), tried);
  }

  @Test
  void aWriteThatIsNotIdempotentIsNotResentAfterALostAnswer() {
    heardAll();
    Problem problem =
        problemOf(() -> catalog.write(failing(new ProcessingException("read timed out")), false));
    assertEquals(503, problem.status());
    assertEquals(1, tried.size(), "sent once: it may have been made");
  }

  /** The primary's refusal while its broker is unreachable (a broker failover under way). */
  private static ProblemException brokerUnavailable() {
    return new ProblemException(
        new Problem(ProblemTypes.BROKER_UNAVAILABLE, "Broker Unavailable", 503, "failover"));
  }

  @Test
  void anIdempotentWriteWaitsOutABrokerFailover() {
    heardAll();
    String answer = catalog.write(answeringAfter(brokerUnavailable(), brokerUnavailable()), true);
    assertEquals("http://r3", answer);
    assertEquals(3, tried.size(), "resent with its key until the broker was back");
  }

  @Test
  void aBrokerStillAwayAtTheDeadlineIsAnsweredAsSuch() {
    heardAll();
    Problem problem = problemOf(() -> catalog.write(failing(brokerUnavailable()), true));
    assertEquals(ProblemTypes.BROKER_UNAVAILABLE, problem.type());
    assertEquals(5, tried.size(), "resent until the deadline");
  }

  @Test
  void aBrokerRefusalFollowedByTimeoutsIsStillAnsweredAsTheBroker() {
    heardAll();
    Problem problem =
        problemOf(
            () ->
                catalog.write(
                    failing(brokerUnavailable(), new ProcessingException("read timed out")), true));
    assertEquals(ProblemTypes.BROKER_UNAVAILABLE, problem.type());
  }

  @Test
  void aWriteThatIsNotIdempotentIsNotResentWhenTheBrokerIsUnreachable() {
    heardAll();
    Problem problem = problemOf(() -> catalog.write(failing(brokerUnavailable()), false));
    assertEquals(ProblemTypes.BROKER_UNAVAILABLE, problem.type());
    assertEquals(1, tried.size(), "sent once: it may be committed and published later");
  }

  @Test
  void aRefusalOfTheRequestItselfIsNotRetried() {
    heardAll();
    Problem problem =
        problemOf(() -> catalog.read(failing(ProblemException.notFound("no item 99"))));
    assertEquals(404, problem.status());
    assertEquals(1, tried.size());
  }

  @Test
  void whenNoReplicaAnswersWithinTheDeadlineTheAnswerIsA503WithoutExceptionText() {
    heardAll();
    Problem problem = problemOf(() -> catalog.read(failing(refused())));
    assertEquals(503, problem.status());
    assertTrue(
        problem.detail().startsWith("no catalog replica answered before the failover deadline"),
        problem.detail());
    assertTrue(!problem.detail().contains("Exception"), problem.detail());
  }

  /**
   * @param failures what the request throws at its first attempts, one each, in order
   * @return a request that notes each replica it is sent to in {@link #tried}, fails its first
   *     attempts with {@code failures} and then answers the replica's URL
   */
  private Function<String, String> answeringAfter(RuntimeException... failures) {
    AtomicInteger attempts = new AtomicInteger();
    return url -> {
      tried.add(url);
      int attempt = attempts.getAndIncrement();
      if (attempt < failures.length) {
        throw failures[attempt];
      }
      return url;
    };
  }

  /**
   * @param failures what the request throws at its first attempts, one each, in order; the last at
   *     every later attempt too
   * @return a request that notes each replica it is sent to in {@link #tried} and never answers
   */
  private Function<String, String> failing(RuntimeException... failures) {
    AtomicInteger attempts = new AtomicInteger();
    return url -> {
      tried.add(url);
      throw failures[Math.min(attempts.getAndIncrement(), failures.length - 1)];
    };
  }

  /**
   * @param call a read or write through the router that is to fail
   * @return the problem it fails with
   */
  private static Problem problemOf(Executable call) {
    return assertThrows(ProblemException.class, call).problem();
  }

  private void heardAll() {
    catalog.heard(1, new Heartbeat(1, 3, 4, 10, 4));
    catalog.heard(2, new Heartbeat(2, 3, 4, 10, 4));
    catalog.heard(3, new Heartbeat(3, 3, 4, 10, 4));
  }

  /**
   * A router whose writes run on their own threads, with replica 3 primary in epoch 4, and a write
   * that replica 3 never answers (it is frozen: the call hangs until the test ends).
   */
  private static final class SilentPrimary implements AutoCloseable {
    final ExecutorService pool = Executors.newCachedThreadPool();
    final CountDownLatch reached = new CountDownLatch(1);
    final CountDownLatch thawed = new CountDownLatch(1);
    final List<String> tried = new CopyOnWriteArrayList<>();
    final ReplicaRouter<String> router = catalogRouter((kind, text) -> {}, pool);

    SilentPrimary() {
      for (int id = 1; id <= 3; id++) {
        router.heard(id, new Heartbeat(id, 3, 4, 10, 4));
      }
    }

    String write(String url) {
      tried.add(url);
      if (url.equals("http://r3")) {
        reached.countDown();
        try {
          thawed.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        throw new ProcessingException("read timed out");
      }
      return "written by " + url;
    }

    /**
     * Sends a write; once it has reached replica 3, replica 2 takes over in epoch 5.
     *
     * @param idempotent whether the write carries a key
     * @param threeCountsDead whether replica 3 has missed its heartbeats by then (else it still
     *     counts alive)
     * @return the write's answer, to come
     */
    CompletableFuture<String> writeWhileReplicaTwoTakesOver(
        boolean idempotent, boolean threeCountsDead) throws InterruptedException {
      CompletableFuture<String> answer =
          CompletableFuture.supplyAsync(() -> router.write(this::write, idempotent));
      assertTrue(reached.await(5, TimeUnit.SECONDS), "the write reached replica 3");
      if (threeCountsDead) {
        router.heard(3, null);
      }
      router.heard(2, new Heartbeat(2, 2, 5, 10, 4));
      return answer;
    }

    @Override
    public void close() {
      thawed.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void anIdempotentWriteToAPrimaryThatGoesSilentIsSentToTheNewPrimary() throws Exception {
    try (SilentPrimary p = new SilentPrimary()) {
      CompletableFuture<String> answer = p.writeWhileReplicaTwoTakesOver(true, true);

      assertEquals("written by http://r2", answer.get(5, TimeUnit.SECONDS));
      assertEquals(List.of("http://r3", "http://r2"), p.tried);
    }
  }

  @Test
  void aWriteWithoutAKeyToAPrimaryThatGoesSilentIsNotResent() throws Exception {
    try (SilentPrimary p = new SilentPrimary()) {
      CompletableFuture<String> answer = p.writeWhileReplicaTwoTakesOver(false, true);

      ExecutionException e =
          assertThrows(ExecutionException.class, () -> answer.get(5, TimeUnit.SECONDS));
      ProblemException problem = assertInstanceOf(ProblemException.class, e.getCause());
      assertEquals(503, problem.problem().status());
      assertTrue(problem.problem().detail().contains("may or may not"), problem.problem().detail());
      assertEquals(List.of("http://r3"), p.tried, "sent once");
    }
  }

  @Test
  void anIdempotentWriteGoesToANewPrimaryAsSoonAsItIsHeardBeforeTheOldOneCountsDead()
      throws Exception {
    try (SilentPrimary p = new SilentPrimary()) {
      CompletableFuture<String> answer = p.writeWhileReplicaTwoTakesOver(true, false);

      assertEquals("written by http://r2", answer.get(5, TimeUnit.SECONDS));
      assertEquals(List.of("http://r3", "http://r2"), p.tried);
    }
  }

  @Test
  void aWriteWithoutAKeyWaitsForItsPrimaryWhileThatOneCountsAlive() throws Exception {
    try (SilentPrimary p = new SilentPrimary()) {
      CompletableFuture<String> answer = p.writeWhileReplicaTwoTakesOver(false, false);

      assertThrows(TimeoutException.class, () -> answer.get(500, TimeUnit.MILLISECONDS));
      assertEquals(List.of("http://r3"), p.tried, "not sent again: it may have been made");
    }
  }
}
