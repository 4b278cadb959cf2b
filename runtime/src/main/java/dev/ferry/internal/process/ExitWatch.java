package dev.ferry.internal.process;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs what must happen the moment a child JVM exits (its channel leases end, its failure report
 * is read, a pool counts a worker that never connected) on a daemon thread of its own, which
 * waits for the exit.
 *
 * <p>Not on {@code Process.onExit()}: the JDK completes that future with {@code handleAsync} on
 * the common {@code ForkJoinPool} (JDK 17 to 25), which the program shares. Where its threads
 * were all busy (parallelism 2 or more, any machine of three cores or more, running the
 * program's own {@code CompletableFuture.runAsync} that waits on I/O, or a parallel stream), a
 * child's exit went unseen for as long as they were: a pool whose initializer threw never failed
 * its task, and a channel only a dead child held never ended its {@code receive}.
 * {@code onExit()} stays the way when no thread can be started.
 */
public final class ExitWatch {
  /** Guarded by this until {@link #exited} is set; then the exit's thread's alone. */
  private final List<Runnable> actions = new ArrayList<>();
  private boolean exited; // guarded by this

  private ExitWatch() {}

  /** Watches {@code process} from now on; {@code name} names the watching thread. */
  static ExitWatch of(Process process, String name) {
    ExitWatch watch = new ExitWatch();
    Thread waiter = new Thread(() -> watch.await(process), "ferry-exit-" + name);
    waiter.setDaemon(true);
    try {
      waiter.start();
    } catch (OutOfMemoryError e) {
      process.onExit().thenRun(watch::exited); // no thread to spare: late rather than never
    }
    return watch;
  }

  /** Runs {@code action} once the process has exited: now, on this thread, if it has. */
  public void then(Runnable action) {
    synchronized (this) {
      if (!exited) {
        actions.add(action);
        return;
      }
    }
    action.run();
  }

  private void await(Process process) {
    while (true) {
      try {
        ProcessExits.await(process, -1);
        break;
      } catch (InterruptedException e) {
        // nobody interrupts this thread; an exit is still to be seen
      }
    }
    exited();
  }

  /**
   * Runs every action, each in turn: one that throws does not keep the others from running, nor
   * end this thread. An action under a full heap throws {@code OutOfMemoryError}: thrown on, it
   * ended the thread with the actions after it not run, and a channel whose only holder had exited
   * could wait for ever for the news. Nothing here allocates before the actions run: once {@code
   * exited} is set nobody adds to the list, which is read as it is.
   */
  private void exited() {
    synchronized (this) {
      exited = true;
    }
    for (int i = 0; i < actions.size(); i++) {
      try {
        actions.get(i).run();
      } catch (RuntimeException | Error e) {
        tellFailed(e);
      }
    }
    actions.clear(); // lets go of what they hold; no allocation
  }

  private static void tellFailed(Throwable e) {
    try {
      System.err.println("[ferry] an action on a child's exit failed: " + e);
    } catch (RuntimeException | Error unsaid) {
      // a full heap, where the words could not be built: the next action runs all the same
    }
  }
}
