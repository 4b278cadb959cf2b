package dev.ferry.processor.checker;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The CPU time the checker spends in its own code (its processing rounds and its scans after
 * attribution, including what javac computes for it there), kept only when the benchmark asks for
 * it with {@code -Dferry.checker.timing=true}: on a shared machine, javac's total CPU time varies
 * by more than the checker's cost, and this measures the checker alone. Off, it costs nothing.
 */
public final class OwnTime {
  private static final boolean ON = Boolean.getBoolean("ferry.checker.timing");
  /** Looked up once: {@code ManagementFactory} finds it through a stream on every call. */
  private static final ThreadMXBean THREADS = ON ? ManagementFactory.getThreadMXBean() : null;

  private long nanos;

  /** A start mark for {@link #stop}. */
  public long start() {
    return ON ? cpu() : 0;
  }

  public void stop(long start) {
    if (ON) {
      nanos += cpu() - start;
    }
  }

  /**
   * Runs {@code work} without counting it: javac's attribution of a class, which the checker
   * only asks for earlier than javac would do it anyway.
   */
  public void excluding(Runnable work) {
    if (!ON) {
      work.run();
      return;
    }
    long start = cpu();
    try {
      work.run();
    } finally {
      nanos -= cpu() - start;
    }
  }

  /** The CPU time counted so far, or 0 when timing is off. */
  public long nanos() {
    return nanos;
  }

  private static long cpu() {
    return THREADS.getCurrentThreadCpuTime();
  }
}
