package dev.ferry.internal.process;

import dev.ferry.ByteInput;
import dev.ferry.ByteOutput;
import dev.ferry.ChildFailure;
import dev.ferry.TransferException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * The file in which a child whose target threw leaves the exception's type, message and stack
 * trace for its parent: three strings, written by the child and read once by the parent.
 */
final class FailureReports {
  private static final int MAX_FAILURE_BYTES = 16 << 20;
  /**
   * How many characters of the message and of the stack trace a report keeps (and the child
   * prints): at most 3 bytes each in UTF-8, so a report stays well under {@link
   * #MAX_FAILURE_BYTES}.
   */
  static final int MAX_MESSAGE_CHARS = Throwables.MAX_MESSAGE_CHARS;
  static final int MAX_TRACE_CHARS = 1 << 20;
  /** How many throwables of a cause chain a trace shows when the JDK cannot print it. */
  static final int MAX_CHAIN = 32;

  private FailureReports() {}

  /** The report of {@code error} with its {@link #trace}, as the child writes it. */
  static byte[] write(Throwable error, String trace) {
    ByteOutput out = new ByteOutput();
    out.writeString(error.getClass().getName());
    out.writeString(Throwables.cut(message(error), MAX_MESSAGE_CHARS));
    out.writeString(trace);
    return out.toByteArray();
  }

  /**
   * The report of {@code error} with its message and {@code trace} cut to their first {@code
   * maxChars} characters each: one that fits where a limit on file size refused the whole one.
   */
  static byte[] writeCut(Throwable error, String trace, int maxChars) {
    ByteOutput out = new ByteOutput();
    out.writeString(error.getClass().getName());
    out.writeString(Throwables.cut(message(error), Math.min(maxChars, MAX_MESSAGE_CHARS)));
    out.writeString(Throwables.cut(trace, maxChars));
    return out.toByteArray();
  }

  /**
   * {@code error}'s stack trace as {@code printStackTrace} prints it, its first {@link
   * #MAX_TRACE_CHARS} characters; where that throws (a
   * {@code getMessage} or {@code toString} that throws, a cause chain thousands deep that
   * overflows the stack), the chain's first {@link #MAX_CHAIN} throwables with their frames, each
   * once, with what stopped the JDK's printing. Only those first characters are ever held: a
   * message of tens of megabytes in a child with a small heap made the whole trace, printed into
   * a string before it was cut, run out of memory, and the child exited with 1 and no report.
   */
  static String trace(Throwable error) {
    FirstChars printed = new FirstChars(MAX_TRACE_CHARS);
    try {
      error.printStackTrace(new PrintWriter(printed));
      return printed.text();
    } catch (Throwable unprintable) {
      return plainTrace(error, unprintable);
    }
  }

  private static String plainTrace(Throwable error, Throwable unprintable) {
    FirstChars trace = new FirstChars(MAX_TRACE_CHARS);
    Set<Throwable> seen = Throwables.seen();
    int count = 0;
    for (Throwable t = error; t != null && seen.add(t); t = Throwables.cause(t)) {
      if (count++ == MAX_CHAIN) {
        trace.append("\t... more causes not shown\n");
        break;
      }
      trace.append(count == 1 ? "" : "Caused by: ")
          .append(Throwables.cut(Throwables.describe(t), MAX_MESSAGE_CHARS)).append("\n");
      for (StackTraceElement frame : Throwables.frames(t)) {
        trace.append("\tat ").append(String.valueOf(frame)).append("\n");
      }
    }
    return trace.append("[ferry] printStackTrace threw " + unprintable.getClass().getName()
        + ", so the chain is shown without suppressed exceptions\n").text();
  }

  /**
   * A writer that keeps the first {@code max} characters written to it and counts the rest, to
   * end them as {@link Throwables#cut} does.
   */
  private static final class FirstChars extends Writer {
    private final StringBuilder kept = new StringBuilder();
    private final int max;
    private long dropped;

    FirstChars(int max) {
      this.max = max;
    }

    @Override
    public void write(char[] chars, int offset, int length) {
      int taken = taking(length);
      kept.append(chars, offset, taken);
    }

    /** Not Writer's own, which copies the whole string into an array first. */
    @Override
    public void write(String text, int offset, int length) {
      int taken = taking(length);
      kept.append(text, offset, offset + taken);
    }

    @Override
    public FirstChars append(CharSequence text) {
      String string = String.valueOf(text);
      write(string, 0, string.length());
      return this;
    }

    private int taking(int length) {
      int taken = Math.max(0, Math.min(max - kept.length(), length));
      dropped += length - taken;
      return taken;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    String text() {
      if (dropped == 0) {
        return kept.toString();
      }
      int keep = Throwables.keptOf(kept, kept.length()); // no half of a pair at the cut
      return kept.substring(0, keep) + "... (" + (dropped + kept.length() - keep)
          + " more characters)";
    }
  }

  /** {@code error.getMessage()}, empty for none, or what it threw. */
  static String message(Throwable error) {
    String message = Throwables.message(error);
    return message == null ? "" : message;
  }

  /**
   * Leaves the report's file empty, as a child does once Ferry runs in it: a child that exits with
   * the {@code java} launcher's code 1 and no file did not get that far (see {@link
   * ChildProcess#collect}), one with an empty file did and has nothing to report. Best effort: a
   * directory that cannot take it cannot take a report either.
   */
  static void markRunning(Path file) {
    try {
      Files.createFile(file);
    } catch (IOException | RuntimeException e) {
      // the parent then takes an exit with 1 for a JVM that did not start, and says so
    }
  }

  /**
   * Reads and deletes the report in {@code file} (and a partial one); empty if there is none, or
   * the file is empty (see {@link #markRunning}).
   */
  static Optional<ChildFailure> read(Path file) {
    try {
      Files.deleteIfExists(Path.of(file + ".tmp")); // left by a child killed while writing
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      if (Files.size(file) == 0) {
        Files.deleteIfExists(file);
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
