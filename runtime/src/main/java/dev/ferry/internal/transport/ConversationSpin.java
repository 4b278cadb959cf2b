package dev.ferry.internal.transport;

/**
 * How long a thread that waits for a peer's next message spins before it parks: {@link
 * RingLink#MAX_SPIN_NANOS} at first, up to {@link #LONG_NANOS} while the waits are the turns of a
 * conversation.
 *
 * <p>Why: a wake-up through the kernel costs 50-100 µs on a small virtual machine, more than the
 * short spin. Once one wait outlasts the spin (the peer lost its core for a moment, the JIT was
 * compiling), its reader parks, so the peer's next wait includes that reader's wake-up, outlasts
 * the spin too, and the peer parks in turn: the two sides then take turns waking each other, and
 * round trips of 2-5 µs became 110-160 µs for thousands of trips at a time, most of all in a
 * program's first second, while the JIT compiles. So a wait whose answer came within {@link
 * #LONG_NANOS} (which a longer spin would have caught) makes the next waits spin that long; a wait
 * that outlasts it (a peer that went quiet) makes them short again, so a receiver that waits for
 * a user costs at most one long spin per pause. The long spin does not yield: on two cores a
 * yield handed the core to a compiler thread for about 100 µs each time, and the round trips
 * stayed at 108 µs.
 *
 * <p>One per waiting place (a link's reader, a channel's local receivers). Its state is a hint:
 * threads that race on it only spin a little longer or shorter.
 */
final class ConversationSpin {
  /**
   * The longest spin of a conversation: several kernel wake-ups. A property sets it ({@code
   * -Dferry.conversationMicros=0}: never spin past the short spin).
   */
  static final long LONG_NANOS = Long.getLong("ferry.conversationMicros", 300) * 1_000;

  private boolean conversing; // a hint; see the class comment

  /** How long a wait that begins now spins before it parks; 0: it parks at once. */
  long budget() {
    long spin = RingLink.MAX_SPIN_NANOS;
    return conversing && spin > 0 ? Math.max(spin, LONG_NANOS) : spin;
  }

  /** A wait ended with its message after {@code waited} nanoseconds. */
  void answered(long waited) {
    boolean turn = waited < LONG_NANOS;
    if (conversing != turn) {
      conversing = turn; // written only when it changes: the field stays in each reader's cache
    }
  }

  /** A wait ended without a message (its time ran out). */
  void unanswered() {
    if (conversing) {
      conversing = false;
    }
  }
}
