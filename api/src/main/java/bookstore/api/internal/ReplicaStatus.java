package bookstore.api.internal;

/**
 * What one replica says of itself ({@code GET /replica} on a catalog or order node): enough to
 * check convergence (SPEC guarantee 4).
 *
 * @param service "catalog" or "order"
 * @param replicaId this replica's id
 * @param role "PRIMARY" or "BACKUP"
 * @param epoch the epoch of the last write it applied
 * @param lastSequence the sequence number of the last write it applied, 0 when none
 * @param digest lowercase hex SHA-256 over its state in key order
 */
public record ReplicaStatus(
    String service, int replicaId, String role, long epoch, long lastSequence, String digest) {}
