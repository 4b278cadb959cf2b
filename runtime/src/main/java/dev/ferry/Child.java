package dev.ferry;

import dev.ferry.internal.process.ChildProcess;
import dev.ferry.internal.process.ProcessExits;
import dev.ferry.internal.transport.Timeouts;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A child JVM started by {@link Ferry#spawn}.
 *
 * <p>Its exit code is 0 when the target returned, 1 when it threw ({@link #failure()} then says
 * how; also when its JVM refused to start, e.g. a flag it does not know), 2 when the target could
 * not be started (also reported by {@link #failure()}), 3 when this process died first, the
 * platform's code for a signal (e.g. 137) when it was killed, and {@code n} when the target called
 * {@code System.exit(n)} or {@code Runtime.halt(n)}, whatever {@code n} is (1 and 2 included),
 * with no {@link #failure()}. The system keeps only the low 8 bits of an exit status: {@code
 * System.exit(256)} joins 0, as a target that returned, and {@code System.exit(-1)} joins 255.
 */
public final class Child {
  private final ChildProcess child;

  Child(ChildProcess child) {
    this.child = child;
  }

  /**
   * The child's name: the one given to {@link SpawnOptions#name}, or the target method's name and a
   * number ({@code work-3}); in the child, the name of the thread that runs the target.
   */
  public String name() {
    return child.name();
  }

  /** The child's process id (that of the spare JVM that took the spawn, if one did). */
  public long pid() {
    return child.process().pid();
  }

  /** Whether the child's process still runs. */
  public boolean isAlive() {
    return child.process().isAlive();
  }

  /**
   * Waits for the child to exit and returns its exit code. Once it returns, the channels this
   * process hosts know the child is gone, and its own children it handed them to, which exit with
   * it (it waits up to 2 s more for them to read the end of those connections): what they held
   * unreceived is back in its channels, and a full bounded channel only they could drain makes
   * {@code offer} and every send throw. As {@link Process#waitFor()}, it gives an exited child's
   * code at once whether or not the calling thread is interrupted (the flag stays set), and throws
   * {@link InterruptedException} only where it would wait.
   *
   * @throws IllegalStateException if the child exited but this JVM never learned its code (its
   *     process reaper thread died of a full heap, where {@code Process.waitFor()} waits for ever)
   */
  public int join() throws InterruptedException {
    ProcessExits.await(child.process(), -1);
    return exited();
  }

  /**
   * Waits at most {@code timeout} for the child to exit; its exit code, or empty if it still runs.
   * An exit code comes as from {@link #join()}, after the channels here know the child is gone.
   */
  public OptionalInt join(Duration timeout) throws InterruptedException {
    if (ProcessExits.await(child.process(), Timeouts.nanos(timeout))) {
      return OptionalInt.of(exited());
    }
    return OptionalInt.empty();
  }

  /** The exit code of the child, which has exited, once the channels here know it is gone. */
  private int exited() throws InterruptedException {
    int code = ProcessExits.exitCode(child.process());
    child.settle();
    if (code == ProcessExits.UNSEEN) {
      // The JDK's process reaper died (this heap full) before it recorded the code: waitFor()
      // would have waited for ever.
      throw new IllegalStateException("child " + name() + " (pid " + pid() + ") has exited, but"
          + " this JVM never learned its exit code: its \"process reaper\" thread ran out of heap"
          + " and died before it recorded it; this process's heap (-Xmx) is too full");
    }
    return code;
  }

  /**
   * Kills the child at once (its grandchildren follow, since they exit with their parent). Messages
   * it had been handed but whose {@code receive()} had not returned them go back to their
   * channels; messages it was sending arrive whole or not at all.
   */
  public void kill() {
    child.process().destroyForcibly();
  }

  /**
   * How the child's target failed, once the child has exited after its target (or its start-up)
   * threw, or its JVM refused to start (then {@link ChildFailure#exceptionType()} is empty and the
   * message quotes the JVM); empty while it runs, and when it returned or was killed. The report is
   * read into memory as the child exits, so no file of it stays behind in the runtime directory.
   */
  public Optional<ChildFailure> failure() {
    return child.failure();
  }

  @Override
  public String toString() {
    Process process = child.process();
    return "Child[" + name() + ", pid " + pid()
        + (process.isAlive() ? ", running]" : ", exited " + process.exitValue() + "]");
  }
}
