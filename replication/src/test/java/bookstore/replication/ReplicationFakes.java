package bookstore.replication;

import bookstore.api.ProblemException;
import bookstore.api.internal.Heartbeat;
import bookstore.api.internal.ReplicaStatus;
import bookstore.api.internal.StepDownAnswer;
import bookstore.api.replication.WriteStamp;
import bookstore.platform.clients.ReplicaApi;
import bookstore.replication.rest.ReplicaResources;
import jakarta.ws.rs.ProcessingException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * In-memory stand-ins for what the replication core runs on in the server (the Derby state row and
 * write log, a service's replicated state, the REST clients to the peers), shared by the unit tests
 * of this package. A {@link Cluster} holds whole {@link Replica}s, each wired like CDI would wire
 * it (package-private field injection) and serving {@code /replica} through the real {@link
 * bookstore.replication.rest.ReplicaResource}; replicas reach each other through {@link Link}s that
 * record every call and can be cut ({@link Cluster#down}).
 *
 * <p>Updates are JSON such as {@code
 * {"stamp":{"replicaId":2,"epoch":22,"sequence":5},"key":"k5","value":"v5@22"}}, parsed with a
 * pattern (the replication core only ever sees them as text); a snapshot is a flat JSON object of
 * the keys and values.
 */
final class ReplicationFakes {
  private ReplicationFakes() {}

  private static final Pattern UPDATE =
      Pattern.compile(
          "\\{\"stamp\":\\{\"replicaId\":(\\d+),\"epoch\":(\\d+),\"sequence\":(\\d+)\\},"
              + "\"key\":\"([^\"]*)\",\"value\":\"([^\"]*)\"\\}");
  private static final Pattern ENTRY = Pattern.compile("\"([^\"]*)\":\"([^\"]*)\"");

  /**
   * @return an update's JSON: the stamp, and the key's value after the write
   */
  static String update(WriteStamp stamp, String key, String value) {
    return "{\"stamp\":{\"replicaId\":"
        + stamp.replicaId()
        + ",\"epoch\":"
        + stamp.epoch()
        + ",\"sequence\":"
        + stamp.sequence()
        + "},\"key\":\""
        + key
        + "\",\"value\":\""
        + value
        + "\"}";
  }

  /**
   * The write a test history holds at {@code sequence} in {@code epoch}: key {@code k<sequence>},
   * value {@code v<sequence>@<epoch>} (so two histories that differ in a write's epoch differ in
   * state), sequenced by the replica whose slot the epoch is.
   */
  static String historyWrite(long epoch, long sequence) {
    return update(stampOf(epoch, sequence), "k" + sequence, "v" + sequence + "@" + epoch);
  }

  /**
   * @return the stamp the primary of {@code epoch} (its slot) gives write {@code sequence}
   */
  static WriteStamp stampOf(long epoch, long sequence) {
    return new WriteStamp((int) (epoch % BullyElection.EPOCH_SLOTS), epoch, sequence);
  }

  private static Matcher parse(String json) {
    Matcher m = UPDATE.matcher(json);
    if (!m.matches()) {
      throw new IllegalArgumentException("not an update: '" + json + "'");
    }
    return m;
  }

  /** A service's state: a sorted map of keys to values, and which writes were applied to it. */
  static final class MemoryState implements ReplicatedState {
    final SortedMap<String, String> data = new TreeMap<>();

    @Override
    public String service() {
      return "catalog";
    }

    /** Stamps of the updates {@link #apply} was given, in order. */
    final List<WriteStamp> applied = new ArrayList<>();

    int installs;

    @Override
    public WriteStamp stampOf(String updateJson) {
      Matcher m = parse(updateJson);
      return new WriteStamp(
          Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)));
    }

    @Override
    public void apply(String updateJson) {
      Matcher m = parse(updateJson);
      data.put(m.group(4), m.group(5));
      applied.add(stampOf(updateJson));
    }

    @Override
    public String snapshot() {
      return data.entrySet().stream()
          .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
          .collect(Collectors.joining(",", "{", "}"));
    }

    @Override
    public void install(String snapshotJson) {
      data.clear();
      Matcher m = ENTRY.matcher(snapshotJson);
      while (m.find()) {
        data.put(m.group(1), m.group(2));
      }
      installs++;
    }

    @Override
    public String digest() {
      return Integer.toHexString(data.hashCode());
    }

    /**
     * @return the sequence numbers of the applied updates, in order
     */
    List<Long> appliedSequences() {
      return applied.stream().map(WriteStamp::sequence).toList();
    }
  }

  /** The state row in memory; {@link #lockForWrite()} keeps its real rules over it. */
  static final class MemorySequencer extends WriteSequencer {
    final ReplicaState row = new ReplicaState(FIRST_EPOCH);

    @Override
    public ReplicaState lock() {
      return row;
    }

    @Override
    public ReplicaState current() {
      return row;
    }
  }

  /** The write log over a sorted map; a second entry at one sequence fails like the primary key. */
  static final class MemoryLog extends ReplicationLog {
    final NavigableMap<Long, WriteLogEntry> entries = new TreeMap<>();

    @Override
    public void append(WriteStamp stamp, String json) {
      WriteLogEntry entry = new WriteLogEntry(stamp.sequence(), stamp.epoch(), json);
      if (entries.putIfAbsent(stamp.sequence(), entry) != null) {
        throw new IllegalStateException("the log already holds sequence " + stamp.sequence());
      }
    }

    @Override
    public List<String> after(long after, int limit) {
      return entries.tailMap(after, false).values().stream()
          .limit(limit)
          .map(WriteLogEntry::getPayload)
          .toList();
    }

    @Override
    public Optional<Long> epochAt(long sequence) {
      return Optional.ofNullable(entries.get(sequence)).map(WriteLogEntry::getEpoch);
    }

    @Override
    public long first() {
      return entries.isEmpty() ? 0 : entries.firstKey();
    }

    @Override
    public List<Outbox.Entry> newestAfter(long after, int limit) {
      List<Outbox.Entry> newest =
          entries.tailMap(after, false).descendingMap().values().stream()
              .limit(limit)
              .map(e -> new Outbox.Entry(e.getSequence(), e.getPayload()))
              .collect(Collectors.toCollection(ArrayList::new));
      Collections.reverse(newest);
      newest.removeIf(e -> e.json().isEmpty());
      return newest;
    }

    @Override
    public void clear() {
      entries.clear();
    }

    /**
     * @return sequence to epoch of every entry held
     */
    SortedMap<Long, Long> epochs() {
      SortedMap<Long, Long> epochs = new TreeMap<>();
      entries.forEach((sequence, entry) -> epochs.put(sequence, entry.getEpoch()));
      return epochs;
    }
  }

  /**
   * REST clients to the peers: the cluster's links. {@code primaryReplica()} keeps its real rule.
   */
  static final class FakePeers extends PeerClients {
    Cluster cluster;

    @Override
    public ReplicaApi replica(int id) {
      return cluster.link(id);
    }

    /** The peers asked through {@link #replicaPresumedDead}, in order. */
    final List<Integer> presumedDead = new ArrayList<>();

    @Override
    public ReplicaApi replicaBriefly(int id) {
      return cluster.link(id);
    }

    @Override
    public ReplicaApi replicaPresumedDead(int id) {
      presumedDead.add(id);
      return cluster.link(id);
    }
  }

  /**
   * The {@code /replica} client to one replica: records every call made (made, not answered) and,
   * while the replica is down, fails like a refused connection.
   */
  static final class Link implements ReplicaApi {
    final int id;
    final Replica target;
    final List<String> calls = new ArrayList<>();
    boolean up = true;

    /** Whether the replica is silent: frozen or cut off, its calls time out instead of failing. */
    boolean silent;

    Link(int id, Replica target) {
      this.id = id;
      this.target = target;
    }

    private ReplicaApi api(String call) {
      calls.add(call);
      if (silent) {
        throw new ProcessingException(
            new SocketTimeoutException("replica " + id + " did not answer: read timed out"));
      }
      if (!up) {
        throw new ProcessingException(
            new ConnectException("replica " + id + " refused the connection"));
      }
      return target.api;
    }

    @Override
    public ReplicaStatus status() {
      return api("status").status();
    }

    @Override
    public Heartbeat heartbeat() {
      return api("heartbeat").heartbeat();
    }

    @Override
    public Heartbeat coordinator(Coordinator coordinator) {
      return api("coordinator " + coordinator.replicaId() + " " + coordinator.epoch())
          .coordinator(coordinator);
    }

    @Override
    public StepDownAnswer stepDown(long epoch) {
      return api("stepDown " + epoch).stepDown(epoch);
    }

    @Override
    public List<String> log(long after, long epochAt, int limit) {
      return api("log " + after + " " + epochAt + " " + limit).log(after, epochAt, limit);
    }

    @Override
    public Snapshot snapshot() {
      return api("snapshot").snapshot();
    }
  }

  /** One replica: the replication beans wired over in-memory state, as CDI would wire them. */
  static final class Replica {
    final ReplicaIdentity identity = new ReplicaIdentity();
    final Membership membership = new Membership();
    final MemorySequencer sequencer = new MemorySequencer();
    final MemoryLog log = new MemoryLog();
    final MemoryState state = new MemoryState();
    final FakePeers peers = new FakePeers();
    final ReplicaApplier applier = new ReplicaApplier();
    final BullyElection election = new BullyElection();

    /**
     * The real outbox, with no publisher thread: nothing is sent, the broker counts as reachable.
     */
    final Outbox outbox = new Outbox();

    /** Its {@code /replica} API, the real resource. */
    final ReplicaApi api;

    Replica(int id, List<String> urls, long intervalMs, Cluster cluster) {
      identity.replicaId = id;
      identity.state = state;
      identity.peerList = urls.isEmpty() ? Optional.empty() : Optional.of(String.join(",", urls));
      membership.identity = identity;
      membership.intervalMs = intervalMs;
      membership.misses = 3;
      sequencer.identity = identity;
      sequencer.membership = membership;
      sequencer.outbox = outbox;
      peers.identity = identity;
      peers.membership = membership;
      peers.cluster = cluster;
      applier.sequencer = sequencer;
      applier.log = log;
      applier.state = state;
      applier.peers = peers;
      applier.membership = membership;
      election.identity = identity;
      election.membership = membership;
      election.peers = peers;
      election.applier = applier;
      election.log = log;
      election.outbox = outbox;
      election.drainQuietMs = 0;
      election.takeoverLag = 20;
      api = ReplicaResources.wire(identity, membership, sequencer, state, log, applier);
    }

    /**
     * @return the state row
     */
    ReplicaState row() {
      return sequencer.row;
    }

    /**
     * Sets up history: this replica holds writes {@code from..to} of {@code epoch} ({@link
     * #historyWrite}) as if it had sequenced or applied them (state, log, state row), without
     * counting them in {@link MemoryState#applied}.
     */
    Replica holds(long epoch, long from, long to) {
      for (long sequence = from; sequence <= to; sequence++) {
        WriteStamp stamp = stampOf(epoch, sequence);
        state.data.put("k" + sequence, "v" + sequence + "@" + epoch);
        log.append(stamp, historyWrite(epoch, sequence));
        sequencer.row.appliedUpTo(stamp);
      }
      return this;
    }

    /**
     * Takes {@code primary} as primary in {@code epoch} and persists the epoch (after COORDINATOR).
     */
    Replica follows(int primary, long epoch) {
      membership.follow(primary, epoch);
      applier.adoptEpoch(epoch);
      return this;
    }

    /**
     * A write of this replica's own, as a service makes it on the primary: lock for write, stamp,
     * change the state, keep it in the log (and publish it).
     *
     * @return the update as published
     */
    String write(String key, String value) {
      ReplicaState locked = sequencer.lockForWrite();
      WriteStamp stamp = sequencer.stamp(locked);
      String json = update(stamp, key, value);
      state.data.put(key, value);
      log.append(stamp, json);
      return json;
    }

    /**
     * @return the update its log holds at {@code sequence}
     */
    String logged(long sequence) {
      return log.entries.get(sequence).getPayload();
    }
  }

  /** Replicas 1..size of one service, and the links between them. */
  static final class Cluster {
    private final Map<Integer, Replica> replicas = new TreeMap<>();
    private final Map<Integer, Link> links = new TreeMap<>();

    /**
     * @param size how many replicas
     * @param intervalMs their heartbeat interval: long, so nobody expires during a test, unless the
     *     test is about expiry
     */
    Cluster(int size, long intervalMs) {
      List<String> urls =
          IntStream.rangeClosed(1, size).mapToObj(id -> "http://localhost:" + (8180 + id)).toList();
      for (int id = 1; id <= size; id++) {
        Replica replica = new Replica(id, urls, intervalMs, this);
        replicas.put(id, replica);
        links.put(id, new Link(id, replica));
      }
    }

    /**
     * @return replicas 1..3 with a long heartbeat interval, each taking {@code primary} as primary
     *     in {@code epoch} ({@link #primary})
     */
    static Cluster ofThree(int primary, long epoch) {
      Cluster cluster = new Cluster(3, 60_000);
      cluster.primary(primary, epoch);
      return cluster;
    }

    Replica replica(int id) {
      return replicas.get(id);
    }

    /**
     * @return replica {@code id} after one round of its heartbeats ({@link #heartbeats})
     */
    Replica afterHeartbeats(int id) {
      heartbeats(id);
      return replica(id);
    }

    /**
     * @return the link to replica {@code id}; fails for an id outside the cluster, like its URL
     *     would
     */
    Link link(int id) {
      Link link = links.get(id);
      if (link == null) {
        throw new IndexOutOfBoundsException("no replica " + id);
      }
      return link;
    }

    /**
     * @return the calls made to replica {@code id} since the last {@link #forgetCalls}
     */
    List<String> calls(int id) {
      return link(id).calls;
    }

    void forgetCalls() {
      links.values().forEach(l -> l.calls.clear());
    }

    /** Replica {@code id}'s process is gone: connections to it are refused. */
    void down(int id) {
      link(id).up = false;
    }

    /** Replica {@code id} goes silent (frozen, cut off): calls to it time out, heartbeats too. */
    void silent(int id) {
      link(id).silent = true;
    }

    /** Every replica takes {@code primary} as primary in {@code epoch} and persists the epoch. */
    void primary(int primary, long epoch) {
      replicas.values().forEach(r -> r.follows(primary, epoch));
    }

    /**
     * One round of heartbeats as each of replicas {@code ids}' HeartbeatTimer makes it, in turn:
     * each live peer's heartbeat is heard, each dead one refuses (the calls are not recorded on the
     * links).
     */
    void heartbeats(int... ids) {
      for (int id : ids) {
        heartbeatsOf(id);
      }
    }

    private void heartbeatsOf(int id) {
      Replica listener = replica(id);
      for (Map.Entry<Integer, Replica> peer : replicas.entrySet()) {
        int peerId = peer.getKey();
        if (peerId == id || link(peerId).silent) {
          continue;
        }
        if (link(peerId).up) {
          listener.membership.heard(peer.getValue().api.heartbeat());
        } else {
          listener.membership.refused(peerId);
        }
      }
    }

    /**
     * @return whether the call failed as a 410 Gone problem
     */
    static boolean gone(Runnable call) {
      try {
        call.run();
        return false;
      } catch (ProblemException e) {
        return e.problem().status() == 410;
      }
    }
  }
}
