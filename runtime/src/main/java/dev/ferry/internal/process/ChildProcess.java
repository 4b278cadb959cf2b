package dev.ferry.internal.process;

import dev.ferry.ChildFailure;
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
  private Optional<ChildFailure> failure; // guarded by this

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
   * no report may be a JVM that refused to start: then the report says why ({@link
   * StartDiagnosis}).
   */
  synchronized Optional<ChildFailure> collect() {
    if (failure == null) {
      failure = FailureReports.read(failureFile);
      int code = process.exitValue();
      if (failure.isEmpty() && Launcher.mayHaveRefusedToStart(code)) {
        failure = StartDiagnosis.jvmRefusal(settings).map(output -> refused(output, code));
      }
    }
    return failure;
  }

  private ChildFailure refused(String output, int code) {
    return new ChildFailure("", Launcher.refusal(name, settings, output, code), output);
  }
}
