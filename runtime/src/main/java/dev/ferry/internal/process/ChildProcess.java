package dev.ferry.internal.process;

import dev.ferry.ChildFailure;
import dev.ferry.internal.transport.RuntimeFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A started child JVM as the launcher knows it: its name, its process and the file its failure
 * report goes to (read and deleted as soon as the child exits). {@link dev.ferry.Child} is the
 * user's view of one.
 */
public final class ChildProcess {
  /**
   * What {@link #collect} needs as a child exits, loaded with the first child: a process out of
   * file descriptors cannot open a class file (from a directory, or a jar not opened yet), and a
   * class that failed to load once fails again at that call site for good (JVMS 5.4.3), so a pool
   * whose first worker ended then lost its reader thread half-way and left the task waiting.
   */
  private static final List<Class<?>> NEEDED_AT_EXIT =
      List.of(FailureReports.class, StartDiagnosis.class, ChildFailure.class);

  private final String name;
  private final Process process;
  private final Path failureFile;
  private final LaunchSettings settings;
  private final SpawnContext context;
  private final ExitWatch exit;
  private Optional<ChildFailure> failure; // guarded by this
  private boolean ranFerry; // guarded by this: set by collect

  /**
   * How long a join waits for the hosts here to see a dead child's connections end: they read the
   * end at once; a bound, so that a host thread starved of CPU cannot hold a join for long.
   */
  private static final long SETTLE_NANOS = 2_000_000_000L;

  ChildProcess(
      String name, Process process, Path failureFile, LaunchSettings settings, SpawnContext context) {
    this.name = name;
    this.process = process;
    this.failureFile = failureFile;
    this.settings = settings;
    this.context = context;
    this.exit = ExitWatch.of(process, name);
    StoppedChildren.watch(process, exit);
  }

  /** Runs {@code action} once the child has exited (see {@link ExitWatch}). */
  public void whenExited(Runnable action) {
    exit.then(action);
  }

  /** After the child exited: see {@link SpawnContext#settle}. */
  public void settle() throws InterruptedException {
    context.settle(SETTLE_NANOS);
  }

  public String name() {
    return name;
  }

  public Process process() {
    return process;
  }

  /** The failure report, once the child has exited. */
  public Optional<ChildFailure> failure() {
    if (process.isAlive()) {
      return Optional.empty();
    }
    return collect();
  }

  /**
   * Reads the failure report into memory and deletes its file (and a partial one a killed child
   * left); the launcher calls it the moment the child exits, so no report outlives its child in the
   * runtime directory, whether or not anyone asks for it. A child that exited with 1 or 2 and left
   * no report, nor the empty file a child leaves once Ferry runs in it ({@link
   * FailureReports#markRunning}), is a JVM that did not start: then the report says why ({@link
   * StartDiagnosis}), or, when a JVM started alike a moment later does not fail so, that it died
   * starting up, which it used to leave unsaid (a JVM at a limit on threads for a moment). The
   * answer is kept only once whole: a diagnosis that could not start its JVM (this process out of
   * threads) used to leave the report empty for good. Where the runtime directory was deleted
   * under the child (a cleaner of the temporary directory), neither file can be there, and the
   * child may well have run: its report is lost, and it was told it died starting up, at a limit
   * on threads, after a JVM was started to find out. Where the directory takes no new file (its
   * file system full or out of inodes, or made read-only), the child could leave neither file
   * either, though Ferry ran in it: it is told so ({@link #unmarked}), not that it died starting
   * up at a limit on threads, which it used to be.
   */
  synchronized Optional<ChildFailure> collect() {
    if (failure == null) {
      ranFerry = Files.exists(failureFile);
      Optional<ChildFailure> found = FailureReports.read(failureFile);
      int code = ProcessExits.exitCode(process);
      if (found.isEmpty() && !ranFerry && Launcher.mayHaveRefusedToStart(code)
          && Files.isDirectory(failureFile.getParent())) {
        found = Optional.of(StartDiagnosis.jvmRefusal(settings)
            .map(output -> refused(output, code))
            .orElseGet(() -> unmarked(code)));
      }
      failure = found;
    }
    return failure;
  }

  /**
   * Whether Ferry ran in this child: its JVM started with these options and reached {@link
   * ChildMain}, which leaves its report's file as soon as it runs ({@link
   * FailureReports#markRunning}); once the child exited, whether it had (the file is deleted then).
   */
  boolean ranFerry() {
    if (Files.exists(failureFile)) {
      return true;
    }
    if (process.isAlive()) {
      return false;
    }
    synchronized (this) {
      collect();
      return ranFerry;
    }
  }

  /**
   * Why a child that exited with {@code code} left no file, when a JVM started alike did not fail:
   * the runtime directory takes no new file now, so the child could not leave the mark that Ferry
   * ran in it, nor a report; or else its JVM died starting up.
   */
  private ChildFailure unmarked(int code) {
    Path directory = failureFile.getParent();
    try {
      Files.deleteIfExists(Files.createTempFile(directory, "probe-", ".tmp"));
    } catch (IOException e) {
      return new ChildFailure("", "the child " + name + " exited with code " + code + " and left"
          + " no failure report, nor the empty file a child leaves in " + directory + " once Ferry"
          + " runs in it: that directory takes no new file (" + RuntimeFiles.whatToDo(e,
          directory.getParent()) + "), so what the child said of its exit, if Ferry ran in it, is"
          + " on its stderr only", "");
    } catch (RuntimeException e) {
      // the directory went (a cleaner of the temporary directory): nothing more can be told
    }
    return diedStarting(code);
  }

  private ChildFailure diedStarting(int code) {
    return new ChildFailure("", "the JVM of " + name + " exited with code " + code + " before Ferry"
        + " ran in it, saying why only on its stderr, and a JVM Ferry started alike to find out did"
        + " not fail so (or could not be started): most often this user's processes were at a limit"
        + " on threads (ulimit -u, a container's pids limit) or the machine was out of memory for a"
        + " moment; raise the limit, or run fewer threads or processes", "");
  }

  private ChildFailure refused(String output, int code) {
    return new ChildFailure("", Launcher.refusal(name, settings, output, code), output);
  }
}
