package bookstore.platform.clients;

import bookstore.api.internal.Heartbeat;
import bookstore.api.internal.ReplicaStatus;
import bookstore.api.internal.StepDownAnswer;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * What every catalog and order replica serves about its replication state, under {@code /replica}:
 * status (SPEC guarantee 4), heartbeats, the bully election's messages, its write log for a replica
 * that found a gap, and a snapshot for one that has no state, fell behind the log or diverged from
 * it.
 */
@Path("/replica")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface ReplicaApi {

  /**
   * @return id, role, epoch, last sequence and state digest
   */
  @GET
  ReplicaStatus status();

  /**
   * @return who this replica is and what it believes: cheap, for heartbeats
   */
  @GET
  @Path("heartbeat")
  Heartbeat heartbeat();

  /**
   * The bully election's coordinator message: the sender is primary from {@code epoch} on.
   *
   * @param coordinator the new primary and its epoch
   * @return this replica's heartbeat after taking it in
   */
  @POST
  @Path("coordinator")
  Heartbeat coordinator(Coordinator coordinator);

  /**
   * Asked of a primary by a replica that is about to take over: stop taking writes at once and
   * adopt {@code epoch}, so no write can be acknowledged in the old epoch after this answer.
   *
   * @param epoch the epoch the caller will start
   * @return this replica's heartbeat after stepping down (its last sequence is final), and how long
   *     ago it last renewed another replica's lease
   */
  @POST
  @Path("step-down")
  StepDownAnswer stepDown(@QueryParam("epoch") long epoch);

  /**
   * @param after a sequence number the caller holds
   * @param epochAt the epoch of the caller's write at {@code after} (0 when {@code after} is 0)
   * @param limit the most entries (items)
   * @return the writes after it as published (JSON texts), in order; 410 Gone when the log does not
   *     reach back to {@code after + 1}, or holds a write of another epoch at {@code after} (the
   *     caller diverged): take a snapshot
   */
  @GET
  @Path("log")
  List<String> log(
      @QueryParam("after") long after,
      @QueryParam("epochAt") @DefaultValue("0") long epochAt,
      @QueryParam("limit") int limit);

  /**
   * @return the whole state, consistent at one sequence number
   */
  @GET
  @Path("snapshot")
  Snapshot snapshot();

  /**
   * A replica's whole state at one point of its history.
   *
   * @param epoch epoch of the last write in it
   * @param sequence sequence number of the last write in it
   * @param state the service's state as JSON
   */
  record Snapshot(long epoch, long sequence, String state) {}

  /**
   * @param replicaId the new primary
   * @param epoch the epoch it starts
   */
  record Coordinator(int replicaId, long epoch) {}
}
