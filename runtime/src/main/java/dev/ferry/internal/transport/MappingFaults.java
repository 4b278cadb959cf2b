package dev.ferry.internal.transport;

import dev.ferry.internal.transport.RingLink.CorruptRing;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JVM's report of a touch of a lost page of a mapped file (a rings file cut short under its
 * mapping, or one its file system cannot back): recognizing it ({@link #isMappingFault}), making
 * it surface where a thread's touches can be answered ({@link #settle}), and tracing it to the
 * links whose files were cut ({@link #faulted}). Apart from {@link RingLink} because the fault is
 * the process's, not one link's: HotSpot raises it late, in whatever code the thread runs by then,
 * often past the link that was touched, so it is answered by looking at every open link's file.
 */
final class MappingFaults {
  private MappingFaults() {}

  /** Every link of this process, host's and holder's, open: see {@link #faulted}. */
  private static final Set<RingLink> ALL = ConcurrentHashMap.newKeySet();

  /**
   * Why the last link found cut short may no longer be touched, kept after its connection ended:
   * the JVM may raise the fault after that, in a thread past Ferry's code (see {@link
   * #lastCut()}).
   */
  static volatile String lastCut; // written by RingLink.checkCut

  /** Initializes this class: {@link RingLink}'s static initializer calls it. */
  static void load() {}

  /** A link is open: its file is looked at when a fault surfaces. */
  static void register(RingLink link) {
    ALL.add(link);
  }

  /** A link is closed; a fault that surfaces later is its file's if {@link #lastCut()} says so. */
  static void unregister(RingLink link) {
    ALL.remove(link);
  }

  /**
   * Whether a throwable is the JVM's report of a SIGBUS on a mapped page: what touching a page of
   * a file that was cut short under its mapping raises, or one whose file system cannot back it.
   * HotSpot raises it as an asynchronous {@code InternalError} (on JDK 17 at the thread's next
   * safepoint poll, a little after the access, in whatever method the thread is in by then), so
   * it is caught where a connection's work ends, not at the access.
   */
  static boolean isMappingFault(Throwable e) {
    if (e == null || e.getClass() != InternalError.class) {
      return false; // the JVM's own class, whose getMessage cannot throw as a target's may
    }
    String message = e.getMessage();
    return message != null
        && message.startsWith("a fault occurred in ") && message.contains("unsafe memory access");
  }

  /**
   * Answers a mapping fault that surfaced in this process ({@link #isMappingFault}) by looking at
   * every link's file: each that was cut short is marked so, its readers woken, and touched no
   * more (its reads and writes throw {@link CorruptRing}, which ends its connection as corrupt
   * positions do). Returns that exception for the first link found cut, the one to end the work
   * the fault interrupted, or for the last file found cut if only closed links' were; rethrows
   * {@code e} when no file was cut, or it is no mapping fault.
   */
  static CorruptRing faulted(Throwable e) {
    if (!isMappingFault(e) && !isBrokenByFault(e)) {
      throw unchecked(e);
    }
    CorruptRing first = null;
    for (RingLink link : ALL) {
      if (link.checkCut() && first == null) {
        first = new CorruptRing(link.cut());
      }
    }
    if (first == null) {
      // Raised after the cut link's connection ended and the link closed (the JVM raises a fault
      // a little after the access): still that file's, not a thread's death to print.
      String last = lastCut;
      if (last == null) {
        throw unchecked(e);
      }
      first = new CorruptRing(last);
    }
    return first;
  }

  /**
   * Whether a throwable is a lock found not held where the code had taken it, in a process where a
   * rings file was found cut short: the JVM raised the mapping fault ({@link #isMappingFault})
   * inside the lock's own code (a condition's wait taking the lock back, after the thread had
   * touched a lost page), so the fault left without the lock, and the unlock in a finally block
   * on its way threw this instead, hiding it (about 1 run in 100 of a child streaming while its
   * file was cut, under load). It is answered as the fault it hides.
   */
  static boolean isBrokenByFault(Throwable e) {
    return e instanceof IllegalMonitorStateException && lastCut() != null;
  }

  /** Rethrows an error or runtime exception as it is: the only kinds a fault's callers catch. */
  static RuntimeException unchecked(Throwable e) {
    if (e instanceof Error error) {
      throw error;
    }
    throw (RuntimeException) e;
  }

  /**
   * Why the last link found cut short may no longer be touched, or null if none was: {@link
   * #faulted} for a fault that surfaced after that link's connection ended (its reader found the
   * file short and dropped it, then the JVM raised the fault of a sender's touch in the sender's
   * own code).
   */
  static String lastCut() {
    for (RingLink link : ALL) {
      link.checkCut();
    }
    return lastCut;
  }

  /** Zero, and never set: not final, so that no compiler takes it for a constant (see settle). */
  private static int settleLength;

  /**
   * Raises here, in its caller's catch, the fault of a touch of a lost page (a file cut short)
   * that this thread made a moment ago, if it made one. HotSpot skips such a touch and goes on,
   * and raises the fault later, at the thread's next call into the VM that looks for it, in
   * whatever code runs by then: on JDK 17 always, and on JDK 25 mostly at the touch, but not
   * always (a volatile read of a lost page through a view of the mapping, 200 times: 193 raised
   * at the touch, 7 later; none later with a settle after it). So a copy from a lost page copied
   * nothing, and the reader's buffer held what an earlier read had left there, which decoded as
   * the next frame (a pool's task was answered with the answer of the task before it, or another
   * thread's); and the fault came out of a lock's own code, which stayed held, of a future's
   * completion, whose waiters were not woken, or of {@code submit} and {@code join}. On JDK 25 it
   * came out of a host's {@code tryLock} after its look at a holder's ring (3 runs of 3 of
   * CutRingsWhileHostingTest without settling there, none with), and out of the JDK's own lock of
   * a socket's writes, in the wake-up after a write to the rings (1 run in 6 of
   * CutRingsWhileWaitingTest): each lock stayed held by a thread that had left, and its next
   * taker, and {@code close()}, waited for ever. Making a multi-dimensional array is such a call,
   * in the interpreter and both compilers: 200 faults of 200 were raised here on JDK 17 (C2, C1,
   * {@code -Xint}). It costs about 30 ns and an empty array; a look at the file's length, which
   * would tell the same, costs 400.
   */
  static void settle() {
    Object[] none = new byte[settleLength][0];
    if (none.length != 0) {
      throw new AssertionError("settleLength is " + none.length);
    }
  }
}
