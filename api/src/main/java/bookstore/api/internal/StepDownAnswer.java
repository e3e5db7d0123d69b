package bookstore.api.internal;

/**
 * What a replica answers when a peer that is about to take over asks it to step down ({@code POST
 * /replica/step-down}).
 *
 * @param heartbeat its heartbeat after stepping down: its last sequence is final
 * @param leaseGrantedMsAgo how long ago (ms, rounded down) it last answered a heartbeat that named
 *     a primary other than itself to that primary, that is, last renewed another replica's lease
 *     ({@code Membership.holdsLease}); {@value #NEVER} when it never did. Any lease it granted ends
 *     at most one lease after that: the new primary need not wait longer for it.
 */
public record StepDownAnswer(Heartbeat heartbeat, long leaseGrantedMsAgo) {
  /** {@link #leaseGrantedMsAgo} of a replica that never granted a lease. */
  public static final long NEVER = -1;
}
