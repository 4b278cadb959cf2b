package dev.ferry.internal.process;

import dev.ferry.ByteInput;
import dev.ferry.ByteOutput;
import dev.ferry.ChildFailure;
import dev.ferry.TransferException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * The file in which a child whose target threw leaves the exception's type, message and stack
 * trace for its parent: three strings, written by the child and read once by the parent.
 */
final class FailureReports {
  private static final int MAX_FAILURE_BYTES = 16 << 20;

  private FailureReports() {}

  /** The report of {@code error}, as the child writes it. */
  static byte[] write(Throwable error) {
    StringWriter trace = new StringWriter();
    error.printStackTrace(new PrintWriter(trace));
    ByteOutput out = new ByteOutput();
    out.writeString(error.getClass().getName());
    out.writeString(error.getMessage() == null ? "" : error.getMessage());
    out.writeString(trace.toString());
    return out.toByteArray();
  }

  /**
   * Whether {@code error} or one of its causes is of {@code type}; each throwable is looked at
   * once, so a chain whose causes form a cycle ends.
   */
  static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  /** Reads and deletes the report in {@code file} (and a partial one); empty if there is none. */
  static Optional<ChildFailure> read(Path file) {
    try {
      Files.deleteIfExists(Path.of(file + ".tmp")); // left by a child killed while writing
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      if (Files.size(file) > MAX_FAILURE_BYTES) {
        Files.deleteIfExists(file);
        return Optional.of(
            new ChildFailure("", "the child's failure report is larger than " + MAX_FAILURE_BYTES
                + " bytes and was not read", ""));
      }
      byte[] bytes = Files.readAllBytes(file);
      Files.deleteIfExists(file);
      ByteInput in = new ByteInput(bytes);
      return Optional.of(new ChildFailure(text(in), text(in), text(in)));
    } catch (IOException | TransferException e) {
      return Optional.of(
          new ChildFailure(
              e.getClass().getName(),
              "cannot read the child's failure report: " + e.getMessage(),
              ""));
    }
  }

  private static String text(ByteInput in) {
    String s = in.readString();
    return s == null ? "" : s;
  }
}
