package dev.ferry;

/**
 * A transferable test type whose class initializes only in a JVM started with {@code
 * -Dferry.test.workerOnly}: a child can make and send one, and a test JVM cannot read it. Only
 * {@link ClassInitializerFailureTest} uses it, so that its class is first touched there.
 */
public record WorkerOnly(int x) {
  static {
    if (System.getProperty("ferry.test.workerOnly") == null) {
      throw new IllegalStateException("no ferry.test.workerOnly here");
    }
  }
}
