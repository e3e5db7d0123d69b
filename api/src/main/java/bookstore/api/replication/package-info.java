/**
 * What travels on the broker (SPEC "Replication"): one message per write on an update topic ({@link
 * bookstore.api.replication.UpdateTopics}), its body a {@link
 * bookstore.api.replication.CatalogUpdate} or {@link bookstore.api.replication.OrderUpdate} as
 * JSON, stamped with its epoch and sequence number ({@link bookstore.api.replication.WriteStamp}).
 * The same JSON is kept in each replica's write log, so a change here must read the old form.
 */
package bookstore.api.replication;
