package dev.ferry.internal.process;

import dev.ferry.ChildFailure;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A started child JVM as the launcher knows it: its name, its process and the file its failure
 * report goes to. {@link dev.ferry.Child} is the user's view of one.
 */
public final class ChildProcess {
  private final String name;
  private final Process process;
  private final Path failureFile;
  private Optional<ChildFailure> failure; // guarded by this

  ChildProcess(String name, Process process, Path failureFile) {
    this.name = name;
    this.process = process;
    this.failureFile = failureFile;
  }

  public String name() {
    return name;
  }

  public Process process() {
    return process;
  }

  /** The failure report, read (and its file deleted) once the child has exited. */
  public synchronized Optional<ChildFailure> failure() {
    if (process.isAlive()) {
      return Optional.empty();
    }
    if (failure == null) {
      failure = FailureReports.read(failureFile);
    }
    return failure;
  }
}
