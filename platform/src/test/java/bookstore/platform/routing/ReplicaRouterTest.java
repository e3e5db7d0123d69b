package bookstore.platform.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

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

  private final ReplicaRouter<String> catalog =
      new ReplicaRouter<>(
          "catalog",
          List.of("http://r1", "http://r2", "http://r3"),
          url -> url,
          url -> url,
          FIVE_ATTEMPTS,
          events);

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
    List<String> tried = new ArrayList<>();
    String answer =
        catalog.write(
            url -> {
              tried.add(url);
              if (tried.size() == 1) {
                throw new ProblemException(
                    new Problem(ProblemTypes.NO_PRIMARY, "No Primary", 503, "election"));
              }
              return url;
            },
            true);
    assertEquals("http://r3", answer);
    assertEquals(List.of("http://r3", "http://r3"), tried);
  }

  @Test
  void aWriteThatIsNotIdempotentIsNotResentAfterALostAnswer() {
    heardAll();
    List<String> tried = new ArrayList<>();
    ProblemException e =
        assertThrows(
            ProblemException.class,
            () -> catalog.write(failing(tried, new ProcessingException("read timed out")), false));
    assertEquals(503, e.problem().status());
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
    List<String> tried = new ArrayList<>();
    String answer =
        catalog.write(
            url -> {
              tried.add(url);
              if (tried.size() < 3) {
                throw brokerUnavailable();
              }
              return url;
            },
            true);
    assertEquals("http://r3", answer);
    assertEquals(3, tried.size(), "resent with its key until the broker was back");
  }

  @Test
  void aBrokerStillAwayAtTheDeadlineIsAnsweredAsSuch() {
    heardAll();
    List<String> tried = new ArrayList<>();
    ProblemException e =
        assertThrows(
            ProblemException.class, () -> catalog.write(failing(tried, brokerUnavailable()), true));
    assertEquals(ProblemTypes.BROKER_UNAVAILABLE, e.problem().type());
    assertEquals(5, tried.size(), "resent until the deadline");
  }

  @Test
  void aBrokerRefusalFollowedByTimeoutsIsStillAnsweredAsTheBroker() {
    heardAll();
    List<String> tried = new ArrayList<>();
    ProblemException e =
        assertThrows(
            ProblemException.class,
            () ->
                catalog.write(
                    url -> {
                      tried.add(url);
                      if (tried.size() == 1) {
                        throw brokerUnavailable();
                      }
                      throw new ProcessingException("read timed out");
                    },
                    true));
    assertEquals(ProblemTypes.BROKER_UNAVAILABLE, e.problem().type());
  }

  @Test
  void aWriteThatIsNotIdempotentIsNotResentWhenTheBrokerIsUnreachable() {
    heardAll();
    List<String> tried = new ArrayList<>();
    ProblemException e =
        assertThrows(
            ProblemException.class,
            () -> catalog.write(failing(tried, brokerUnavailable()), false));
    assertEquals(ProblemTypes.BROKER_UNAVAILABLE, e.problem().type());
    assertEquals(1, tried.size(), "sent once: it may be committed and published later");
  }

  @Test
  void aRefusalOfTheRequestItselfIsNotRetried() {
    heardAll();
    List<String> tried = new ArrayList<>();
    ProblemException e =
        assertThrows(
            ProblemException.class,
            () -> catalog.read(failing(tried, ProblemException.notFound("no item 99"))));
    assertEquals(404, e.problem().status());
    assertEquals(1, tried.size());
  }

  @Test
  void whenNoReplicaAnswersWithinTheDeadlineTheAnswerIsA503WithoutExceptionText() {
    heardAll();
    ProblemException e =
        assertThrows(
            ProblemException.class,
            () ->
                catalog.read(
                    url -> {
                      throw refused();
                    }));
    assertEquals(503, e.problem().status());
    assertTrue(
        e.problem().detail().startsWith("no catalog replica answered before the failover deadline"),
        e.problem().detail());
    assertTrue(!e.problem().detail().contains("Exception"), e.problem().detail());
  }

  /**
   * @return a request that notes each replica it is sent to in {@code tried} and fails with {@code
   *     failure}
   */
  private static Function<String, String> failing(List<String> tried, RuntimeException failure) {
    return url -> {
      tried.add(url);
      throw failure;
    };
  }

  private void heardAll() {
    catalog.heard(1, new Heartbeat(1, 3, 4, 10, 4));
    catalog.heard(2, new Heartbeat(2, 3, 4, 10, 4));
    catalog.heard(3, new Heartbeat(3, 3, 4, 10, 4));
  }
}
