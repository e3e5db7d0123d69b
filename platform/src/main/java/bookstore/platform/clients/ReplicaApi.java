package bookstore.platform.clients;

import bookstore.api.ReplicaStatus;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * What every catalog and order replica serves about its replication state, under {@code
 * /replica}: its status (SPEC guarantee 4), its write log for a backup that found a gap, and a
 * snapshot for a backup that has no state or fell behind the log.
 */
@Path("/replica")
@Produces(MediaType.APPLICATION_JSON)
public interface ReplicaApi {

  /** @return id, role, epoch, last sequence and state digest */
  @GET
  ReplicaStatus status();

  /**
   * @param after a sequence number
   * @param limit the most entries (items)
   * @return the writes after it as published (JSON texts), in order; 410 Gone when the log no
   *     longer reaches back to {@code after + 1} (take a snapshot)
   */
  @GET
  @Path("log")
  List<String> log(@QueryParam("after") long after, @QueryParam("limit") int limit);

  /** @return the whole state, consistent at one sequence number */
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
}
