/**
 * What only the store's nodes exchange over HTTP (the replicas' internal API, see {@code
 * bookstore.platform.clients}): the commands the front end and the order service send ({@link
 * bookstore.api.internal.PlaceOrder}, {@link bookstore.api.internal.StockChange}), the reads they
 * get back with the sequence number they were read at ({@link bookstore.api.internal.ItemRead},
 * {@link bookstore.api.internal.SearchRead}, {@link bookstore.api.internal.OrderRead}), and each
 * replica's {@link bookstore.api.internal.Heartbeat} and {@link
 * bookstore.api.internal.ReplicaStatus}. Not part of the public API: they may change with the
 * nodes, which are always upgraded together.
 */
package bookstore.api.internal;
