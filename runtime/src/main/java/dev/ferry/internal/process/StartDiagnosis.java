package dev.ferry.internal.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Why a child JVM exited with the {@code java} launcher's code 1 (or an agent's 2, see {@link
 * Launcher#mayHaveRefusedToStart}) before Ferry ran in it (a flag it
 * does not know in {@code jvmFlags}, {@code -Xmx1k}): the JVM said so on the inherited stderr only,
 * so the child left no failure report, and its parent had nothing to tell the user.
 *
 * <p>Found out afterwards, only for a child that exited so and left no report: the same
 * command is started once more with an empty stdin and its output captured. A JVM that reaches
 * {@link ChildMain} halts at once with {@link ChildMain#PARENT_DIED} on the empty stdin (so the
 * child's own exit with 1 was its target's {@code System.exit(1)}: no failure); one that does not
 * exits with what it printed, which is the reason. Keeping the child's stderr in a pipe instead
 * would cost every child a pumping thread and its terminal. The answer is kept per command,
 * working directory and environment, so a pool whose workers all fail, or a program whose children
 * call {@code System.exit(1)}, starts one such JVM, not one per child.
 */
final class StartDiagnosis {
  /** At most this many characters of the JVM's output are kept. */
  private static final int MAX_OUTPUT_CHARS = 4_000;
  private static final long TIMEOUT_SECONDS = 20;
  /** Options sets remembered; past this the memory is cleared (each entry is an environment). */
  private static final int MAX_REMEMBERED = 64;
  private static final ConcurrentHashMap<Spares.Key, CompletableFuture<Optional<String>>> KNOWN =
      new ConcurrentHashMap<>();

  private StartDiagnosis() {}

  /**
   * What a JVM started with {@code options} prints when it cannot start, or empty if it starts
   * (then a child that exited with 1 and no report called {@code System.exit(1)} itself).
   */
  static Optional<String> jvmRefusal(LaunchSettings options) {
    Spares.Key key = new Spares.Key(
        Launcher.command(options), options.workingDirectory(), options.environment());
    CompletableFuture<Optional<String>> mine = new CompletableFuture<>();
    CompletableFuture<Optional<String>> known = KNOWN.putIfAbsent(key, mine);
    if (known != null) {
      return known.join();
    }
    if (KNOWN.size() > MAX_REMEMBERED) {
      KNOWN.clear();
    }
    Optional<String> answer = null;
    try {
      answer = startOnce(key, options);
    } finally {
      if (answer == null) {
        KNOWN.remove(key, mine); // unknown: the next child that exits so asks again
      }
      mine.complete(answer != null ? answer : Optional.empty());
    }
    return answer != null ? answer : Optional.empty();
  }

  /**
   * What the JVM printed as it refused to start, empty if it started, or null if that cannot be
   * told now: the JVM cannot be started at all (this process is out of file descriptors, the
   * working directory was deleted since), which says nothing of the child, whose JVM did start.
   */
  private static Optional<String> startOnce(Spares.Key key, LaunchSettings options) {
    ProcessBuilder builder = new ProcessBuilder(key.command()).redirectErrorStream(true);
    builder.environment().putAll(options.environment());
    Process process;
    try {
      builder.directory(Launcher.asFile(Launcher.childDirectory(options)));
      process = builder.start();
    } catch (IOException | UncheckedIOException | OutOfMemoryError e) {
      return null; // out of threads too: no thread could wait for it
    }
    AtomicBoolean timedOut = new AtomicBoolean();
    try {
      CompletableFuture.delayedExecutor(TIMEOUT_SECONDS, TimeUnit.SECONDS).execute(() -> {
        if (process.isAlive()) {
          timedOut.set(true);
          process.destroyForcibly(); // ends the read below too
        }
      });
    } catch (OutOfMemoryError e) {
      process.destroyForcibly(); // its timer's thread could not start: not waited for unbounded
      return null;
    }
    try {
      process.getOutputStream().close(); // an empty start-up message: ChildMain halts at once
      String output = read(process.getInputStream());
      int code = exitCode(process);
      if (code == ChildMain.PARENT_DIED || timedOut.get()) {
        return Optional.empty(); // it started (one that hangs did not refuse to start either)
      }
      return Optional.of(output.isBlank() ? "it printed nothing, exit code " + code : output.strip());
    } catch (IOException e) {
      return Optional.empty();
    } finally {
      process.destroyForcibly();
    }
  }

  /**
   * The exit code of a JVM whose output has ended, waited for whether or not the calling thread is
   * interrupted (its flag stays set): {@code Child.failure()} is asked from any thread, often one
   * that caught an interrupt and set its flag again, and the timer above ends the JVM within
   * {@link #TIMEOUT_SECONDS}. An interrupt used to end the wait at once and count as a JVM that
   * started, so a child whose flag the JVM refused was told, for good and for every child of those
   * options, "the JVM ... exited with code 1 before Ferry ran in it ... and a JVM Ferry started alike
   * to find out did not fail so": a limit on threads, not the flag.
   */
  private static int exitCode(Process process) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return process.waitFor();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The output up to {@link #MAX_OUTPUT_CHARS}, reading on to the end so the JVM never blocks. */
  private static String read(InputStream in) throws IOException {
    StringBuilder text = new StringBuilder();
    byte[] buffer = new byte[8192];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      if (text.length() < MAX_OUTPUT_CHARS) {
        text.append(new String(buffer, 0, n, Charset.defaultCharset()));
      }
    }
    if (text.length() > MAX_OUTPUT_CHARS) {
      text.setLength(MAX_OUTPUT_CHARS);
      text.append("...");
    }
    return text.toString();
  }
}
