package bookstore.chaos.history;

/**
 * One fault injected during a run, from its injection until it was healed.
 *
 * @param kind what was done
 * @param node the node it was done to, e.g. {@code catalog-3} or {@code broker}
 * @param primary whether that node was its service's primary (or the live broker) then: only such a
 *     fault stops writes for a while, so only its pause is reported
 * @param injectedNanos when it was injected ({@link System#nanoTime()})
 * @param healedNanos when it was healed: the node restarted and ready, continued, reconnected
 *     ({@link System#nanoTime()}); equal to {@code injectedNanos} when not known
 */
public record Fault(Kind kind, String node, boolean primary, long injectedNanos, long healedNanos) {

  /** The faults a run can inject. */
  public enum Kind {
    /** {@code kill -9} of the node; healed by starting it again. */
    KILL("kill -9"),
    /**
     * {@code SIGSTOP} of the node: alive, holding its sockets, silent; healed by {@code SIGCONT}.
     */
    FREEZE("freeze"),
    /** The node cut off from every other node (network namespaces); healed by reconnecting it. */
    PARTITION("partition"),
    /** {@code kill -9} of the live broker (the standby takes over); healed by restarting it. */
    BROKER("kill -9");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    /**
     * @return how the fault reads in a progress line or a plot, e.g. {@code kill -9}
     */
    public String label() {
      return label;
    }
  }

  /**
   * @return e.g. {@code kill -9 catalog-3 (primary)}, {@code kill -9 broker (the live broker)}
   */
  public String describe() {
    String role = kind == Kind.BROKER ? " (the live broker)" : primary ? " (primary)" : "";
    return kind.label() + " " + node + role;
  }
}
