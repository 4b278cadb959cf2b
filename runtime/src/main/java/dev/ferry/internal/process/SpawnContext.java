package dev.ferry.internal.process;

import dev.ferry.ByteOutput;
import dev.ferry.internal.transport.MessageTypes;
import dev.ferry.internal.transport.RemoteChannel;

import java.util.ArrayList;
import java.util.List;

/**
 * Marks the thread that is writing a child's spawn arguments (or, in the child, reading them), so
 * that {@link dev.ferry.Channel#CODEC} writes and reads handles there and nowhere else: a handle
 * found in any other bytes is a value that slipped through a channel ({@code
 * [ferry:inherit-only-sent]}).
 *
 * <p>While writing, handles register what must happen when the child exits (their lease on the
 * channel ends).
 */
public final class SpawnContext {
  private static final ThreadLocal<SpawnContext> CURRENT = new ThreadLocal<>();

  private final boolean reading;
  private final List<Release> onChildExit = new ArrayList<>();
  // Filled while the spawn arguments are written, before the Child exists; read-only after.
  private final List<Settling> settling = new ArrayList<>();
  private final List<RemoteChannel> opened = new ArrayList<>();

  private SpawnContext(boolean reading) {
    this.reading = reading;
  }

  static SpawnContext writing() {
    return new SpawnContext(false);
  }

  static SpawnContext reading() {
    return new SpawnContext(true);
  }

  /**
   * Leases on the channels among {@code args}, at any depth, as a spawn with them takes, held for
   * no process yet until {@link #endLeases}: a pool holds them while it may still start workers
   * that it hands those arguments (its initializer's), so that a channel handed only to its
   * workers does not count as abandoned while one of them is being replaced. Arguments that
   * cannot be written take none: the workers' start fails on them and says why.
   */
  public static SpawnContext holding(Object... args) {
    SpawnContext context = writing();
    context.enter();
    try {
      ByteOutput out = new ByteOutput(256);
      for (Object arg : args) {
        MessageTypes.writeTagged(out, arg);
      }
    } catch (RuntimeException e) {
      context.childNeverStarted();
    } finally {
      context.exit();
    }
    return context;
  }

  /** Ends the leases {@link #holding} took. */
  public void endLeases() {
    childExited();
  }

  /** The context of this thread if it is writing spawn arguments, else null. */
  public static SpawnContext currentWriter() {
    SpawnContext context = CURRENT.get();
    return context != null && !context.reading ? context : null;
  }

  void enter() {
    CURRENT.set(this);
  }

  void exit() {
    CURRENT.remove();
  }

  /** Notes a channel handle read from the spawn arguments. */
  public void opened(RemoteChannel channel) {
    if (!opened.contains(channel)) {
      opened.add(channel);
    }
  }

  public List<RemoteChannel> opened() {
    return opened;
  }

  /** The context of this thread if it is reading spawn arguments, else null. */
  public static SpawnContext currentReader() {
    SpawnContext context = CURRENT.get();
    return context != null && context.reading ? context : null;
  }

  public void onChildExit(Runnable action) {
    onChildExit(action, action);
  }

  /**
   * As {@link #onChildExit(Runnable)}, with what to do instead when the spawn failed before the
   * child got its arguments ({@link #childNeverStarted}).
   */
  public void onChildExit(Runnable action, Runnable ifNeverStarted) {
    onChildExit.add(new Release(action, ifNeverStarted));
  }

  /** What ends a handle's lease: as the child exits, or when it never got the handle. */
  private record Release(Runnable exited, Runnable neverStarted) {}

  /** What {@link dev.ferry.Child#join} waits for after the child exited (see {@link #settle}). */
  @FunctionalInterface
  public interface Settling {
    /** Waits at most {@code nanos} for what the dead child held to be released. */
    void await(long nanos) throws InterruptedException;
  }

  public void onJoin(Settling wait) {
    settling.add(wait);
  }

  /**
   * Once the child has exited: ends its leases now (the exit callback may not have run yet) and
   * waits, at most {@code nanos} in all, until the hosts here have seen its connections end, and
   * those of the children it handed its channels to (they exit with it). Then a {@code join} that
   * returned means what it says: a channel that only the dead child held is orphaned at once
   * ({@code offer} throws instead of finding it full), and the messages it held unreceived are back
   * in the channel.
   */
  void settle(long nanos) throws InterruptedException {
    childExited();
    long deadline = System.nanoTime() + nanos;
    for (Settling wait : settling) {
      wait.await(deadline - System.nanoTime());
    }
  }

  /** Runs the exit actions once; each failure is reported and the rest still run. */
  synchronized void childExited() {
    release(false);
  }

  /**
   * Ends the leases of a spawn that failed before the child got its arguments (a codec threw
   * after a channel's handle was written): as if they had never been made.
   */
  synchronized void childNeverStarted() {
    release(true);
  }

  private void release(boolean neverStarted) {
    for (Release release : onChildExit) {
      try {
        (neverStarted ? release.neverStarted() : release.exited()).run();
      } catch (RuntimeException e) {
        System.err.println("[ferry] releasing a channel lease failed: " + e);
      }
    }
    onChildExit.clear();
  }
}
