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
 * a user costs at most one long spin per pause. The long spin does not yield (on two cores a
 * yield handed the core to a compiler thread for about 100 µs each time, and the round trips
 * stayed at 108 µs), unless the thread is crowded: see {@link #pause}.
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

  /**
   * A long spin that found nothing, then an answer within this long of parking: the peer most
   * likely could not run until the spin ended, because the two threads shared a CPU (see {@link
   * #pause}).
   */
  static final long CROWDED_AFTER_PARK_NANOS = 50_000;

  /** A yield that comes back within this long found nothing else that wanted the CPU. */
  private static final long IDLE_YIELD_NANOS = 2_000;

  private boolean conversing; // a hint; see the class comment
  private boolean crowded; // a hint: the peer waits for this thread's CPU; see pause

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

  /**
   * One step of a spin: a spin-wait hint, or, while crowded, a yield. Why: the two threads of a
   * conversation can come to share one CPU (a Unix-socket write wakes its reader beside the writer,
   * and a thread that ran a moment ago is not moved), and then each spin held the CPU its peer
   * needed to answer, so every round trip lasted the whole long spin (rounds of 5,000 at a median
   * of 330-380 µs instead of 3 µs; pinned to a CPU each, never). A yield hands the CPU to the peer
   * with no wake-up byte, which would place the threads together again, and lets the scheduler
   * move one away; one that comes back at once (nothing else wanted this CPU) ends it.
   */
  void pause() {
    if (!crowded) {
      Thread.onSpinWait();
      return;
    }
    long before = System.nanoTime();
    Thread.yield();
    if (System.nanoTime() - before < IDLE_YIELD_NANOS) {
      crowded = false;
    }
  }

  /**
   * A wait that spun for {@code spun} nanoseconds, then parked, got its message {@code afterPark}
   * nanoseconds after parking ({@code waited} in all).
   */
  void answeredAfterPark(long waited, long spun, long afterPark) {
    answered(waited);
    if (spun >= LONG_NANOS && afterPark < CROWDED_AFTER_PARK_NANOS && !crowded) {
      crowded = true;
    }
  }

  /** Whether this thread's spins yield (see {@link #pause}); for tests. */
  boolean crowded() {
    return crowded;
  }

  /** A wait ended without a message (its time ran out). */
  void unanswered() {
    if (conversing) {
      conversing = false;
    }
  }
}
