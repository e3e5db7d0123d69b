/**
 * The store's public API as records: the bodies of the front end's JSON routes ({@link
 * bookstore.api.BuyRequest}, {@link bookstore.api.Item}, {@link bookstore.api.Order}, the admin
 * commands) and its RFC 9457 problems ({@link bookstore.api.Problem}, {@link
 * bookstore.api.ProblemTypes}). The rule for the records of this module: what a client of the front
 * end sends or reads is here; what only the nodes exchange over HTTP is in {@link
 * bookstore.api.internal}; what travels on the broker's update topics is in {@link
 * bookstore.api.replication}; every limit on a request is a constraint in {@link
 * bookstore.api.validation}.
 */
package bookstore.api;
