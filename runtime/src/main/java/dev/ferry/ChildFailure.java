package dev.ferry;

import java.util.Objects;

/**
 * How a child's target failed, as text: the exception's class name, its message and its printed
 * stack trace (with causes). The exception object itself does not cross: its class might not even
 * be loadable in the parent.
 *
 * @param exceptionType the binary name of the exception's class, e.g. {@code
 *     java.lang.IllegalStateException}, or the empty string where there was no exception: a child
 *     JVM that refused to start (a flag it does not know in {@code jvmFlags}), whose output is then
 *     the message and the stack trace
 * @param message the exception's message, or the empty string if it had none; its first 65,536
 *     characters (65,535 where the cut would split a surrogate pair), then how many more there were
 * @param stackTrace the stack trace as {@link Throwable#printStackTrace()} prints it in the child,
 *     its first 1,048,576 characters (cut as the message is); where that printing throws (a
 *     {@code getMessage} that throws, a chain of thousands of causes), the first 32 throwables of
 *     the chain with their frames
 */
public record ChildFailure(String exceptionType, String message, String stackTrace) {
  public ChildFailure {
    Objects.requireNonNull(exceptionType, "exceptionType == null");
    Objects.requireNonNull(message, "message == null");
    Objects.requireNonNull(stackTrace, "stackTrace == null");
  }

  @Override
  public String toString() {
    if (exceptionType.isEmpty()) {
      return message; // no exception: a JVM that refused to start, a report that was not read
    }
    return message.isEmpty() ? exceptionType : exceptionType + ": " + message;
  }
}
