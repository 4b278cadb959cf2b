package dev.ferry.internal.pool;

/**
 * An exception thrown by a task in a worker JVM, rebuilt in the pool's process: it prints as the
 * original did ({@code toString()} is the remote class name and message, the stack trace is the
 * worker's, causes are rebuilt the same way), so {@code printStackTrace()} of the future's {@code
 * ExecutionException} shows the task's frames as its cause. The remote class itself does not
 * cross: it might not even be loadable here; {@link #remoteType()} names it.
 */
public final class RemoteTaskException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String remoteType;

  RemoteTaskException(String remoteType, String message, StackTraceElement[] trace, Throwable cause) {
    super(message, cause, false, true);
    this.remoteType = remoteType;
    setStackTrace(trace);
  }

  /** The binary name of the exception's class in the worker, e.g. {@code java.lang.IllegalStateException}. */
  public String remoteType() {
    return remoteType;
  }

  @Override
  public String toString() {
    String message = getLocalizedMessage();
    return message != null ? remoteType + ": " + message : remoteType;
  }
}
