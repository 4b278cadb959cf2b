package dev.ferry.internal.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * This process's connected {@link RemoteChannel}s, and letting go of them all as it exits: every
 * goodbye is said (after what was sent) before any is waited for, on a thread of its own that the
 * exit waits for with one deadline, and a handle not connected by then is refused. Without it, a
 * child's last sends were lost with its JVM, and a host that does not answer held up the exit
 * once per channel.
 */
final class ChannelsAtExit {
  /** The channels of this process that connected and have not lost their connection. */
  static final Set<RemoteChannel> CONNECTED = ConcurrentHashMap.newKeySet();
  /**
   * This process has begun to let go of its channels as it exits ({@link #goodbyeAll}): a handle
   * not connected by then is refused too, as the connected ones are. A shutdown hook's send on a
   * channel the target never used used to connect then and return, and nothing was left to
   * deliver it before the JVM went: the host got none of a hook's 20,000 sends that returned.
   */
  static volatile boolean exiting;

  private ChannelsAtExit() {}

  /**
   * Before this process exits: deliver everything sent, then let go of every channel. Every
   * goodbye is said before any is waited for, and the waits share one deadline: a host that does
   * not answer (stopped, paused, hung) delays the exit by 5 s, not by 5 s for each of its channels.
   * The goodbyes are said on a thread of their own, waited for a second longer than that at most
   * (see {@link #goodbyes}).
   */
  static void goodbyeAll() {
    // Here, not only on the goodbyes' thread: that one may not have run by the deadline on a
    // loaded machine, and a shutdown hook's connect then went through (see exiting).
    exiting = true;
    Thread saying = startGoodbyes();
    long deadline = goodbyesDeadline;
    if (saying == null) {
      goodbyeAllHere(); // at a limit on threads: on this one
      return;
    }
    boolean interrupted = false;
    for (long left; saying.isAlive() && (left = deadline - System.nanoTime()) > 0; ) {
      try {
        TimeUnit.NANOSECONDS.timedJoin(saying, left);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The thread saying the goodbyes at exit. {@link #goodbyeAll} waits for it with a deadline
   * rather than saying them itself, because a lock they need may be held for ever: the JVM raises
   * a fault on a mapped page ({@link MappingFaults#isMappingFault}) a little after the access, at
   * whatever the thread does next, and inside a lock's own code that can leave the lock held by a
   * thread that will never release it. A goodbye that waited for it kept the process from exiting,
   * and the shutdown hook that says them again with it (a child streaming while its rings file was
   * cut was still alive 35 s later). Null before the first exit.
   */
  private static Thread goodbyes;

  /** When the exit stops waiting for {@link #goodbyes}: the hook's wait ends with the first's. */
  private static volatile long goodbyesDeadline;

  /** How much longer than a goodbye's own deadline the exit waits for the goodbyes' thread. */
  private static final long ORPHAN_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

  /**
   * The goodbyes' thread, started unless one still runs (the shutdown hook after the child's own
   * exit waits for the same one, until the same deadline); null if no thread can start.
   */
  private static synchronized Thread startGoodbyes() {
    if (goodbyes == null || !goodbyes.isAlive()) {
      Thread saying = new Thread(ChannelsAtExit::goodbyeAllHere, "ferry-goodbye-all");
      saying.setDaemon(true); // one stuck on a lock must not hold the JVM up
      goodbyesDeadline = System.nanoTime() + RemoteChannel.GOODBYE_NANOS + ORPHAN_GRACE_NANOS;
      try {
        saying.start();
      } catch (OutOfMemoryError e) {
        return null;
      }
      goodbyes = saying;
    }
    return goodbyes;
  }

  private static void goodbyeAllHere() {
    exiting = true; // before the walk: a connect after it sees the flag (see RemoteChannel.connect)
    List<RemoteChannel> waiting = new ArrayList<>();
    for (RemoteChannel channel : CONNECTED) {
      if (channel.letGoAtExit()) {
        waiting.add(channel);
      }
    }
    long deadline = System.nanoTime() + RemoteChannel.GOODBYE_NANOS;
    for (RemoteChannel channel : waiting) {
      channel.awaitGoodbyeAtExit(deadline);
    }
  }

  /**
   * Says the goodbyes when the JVM shuts down too (an exit that did not go through {@link
   * #goodbyeAll}); called once, as {@link RemoteChannel} is first used.
   */
  static void addShutdownHook() {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread("ferry-goodbye") {
              @Override
              public void run() {
                goodbyeAll();
              }
            });
  }
}
