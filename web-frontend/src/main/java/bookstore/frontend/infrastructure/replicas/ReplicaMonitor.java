package bookstore.frontend.infrastructure.replicas;

import bookstore.platform.routing.HeartbeatMonitor;
import bookstore.platform.routing.ReplicaRouter;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The front end's heartbeats (SPEC "Replication"): every interval, every replica of both services
 * ({@link ReplicaDirectory}), as {@link HeartbeatMonitor} does it.
 */
@Singleton
@Startup
public class ReplicaMonitor extends HeartbeatMonitor {
  @Inject ReplicaDirectory directory;

  @Override
  protected List<ReplicaRouter<?>> routers() {
    return directory.services();
  }
}
