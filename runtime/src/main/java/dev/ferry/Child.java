package dev.ferry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM started by {@link Ferry#spawn}.
 *
 * <p>Its exit code is 0 when the target returned, 1 when it threw ({@link #failure()} then says
 * how), 2 when the target could not be started (also reported by {@link #failure()}), 3 when this
 * process died first, and the platform's code for a signal (e.g. 137) when it was killed.
 */
public final class Child {
  private static final int MAX_FAILURE_BYTES = 16 << 20;

  private final String name;
  private final Process process;
  private final Path failureFile;
  private Optional<ChildFailure> failure; // guarded by this

  Child(String name, Process process, Path failureFile) {
    this.name = name;
    this.process = process;
    this.failureFile = failureFile;
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Waits for the child to exit and returns its exit code. */
  public int join() throws InterruptedException {
    return process.waitFor();
  }

  /** Waits at most {@code timeout} for the child to exit; its exit code, or empty if it still runs. */
  public OptionalInt join(Duration timeout) throws InterruptedException {
    if (process.waitFor(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS)) {
      return OptionalInt.of(process.exitValue());
    }
    return OptionalInt.empty();
  }

  /**
   * Kills the child at once (its grandchildren follow, since they exit with their parent). Messages
   * it had taken but not received are lost; messages it was sending arrive whole or not at all.
   */
  public void kill() {
    process.destroyForcibly();
  }

  /**
   * How the child's target failed, once the child has exited after its target (or its start-up)
   * threw; empty while it runs, and when it returned or was killed.
   */
  public synchronized Optional<ChildFailure> failure() {
    if (process.isAlive()) {
      return Optional.empty();
    }
    if (failure == null) {
      failure = readFailure();
    }
    return failure;
  }

  private Optional<ChildFailure> readFailure() {
    try {
      if (!Files.isRegularFile(failureFile) || Files.size(failureFile) > MAX_FAILURE_BYTES) {
        return Optional.empty();
      }
      byte[] bytes = Files.readAllBytes(failureFile);
      Files.deleteIfExists(failureFile);
      ByteInput in = new ByteInput(bytes);
      return Optional.of(new ChildFailure(text(in), text(in), text(in)));
    } catch (IOException | TransferException e) {
      return Optional.of(
          new ChildFailure(e.getClass().getName(), "cannot read the child's failure report: " + e.getMessage(), ""));
    }
  }

  private static String text(ByteInput in) {
    String s = in.readString();
    return s == null ? "" : s;
  }

  /** Writes the report that {@link #failure()} reads; used by the child. */
  static byte[] failureReport(Throwable error) {
    java.io.StringWriter trace = new java.io.StringWriter();
    error.printStackTrace(new java.io.PrintWriter(trace));
    ByteOutput out = new ByteOutput();
    out.writeString(error.getClass().getName());
    out.writeString(error.getMessage() == null ? "" : error.getMessage());
    out.writeString(trace.toString());
    return out.toByteArray();
  }

  @Override
  public String toString() {
    return "Child[" + name + ", pid " + pid() + (isAlive() ? ", running]" : ", exited " + process.exitValue() + "]");
  }
}
