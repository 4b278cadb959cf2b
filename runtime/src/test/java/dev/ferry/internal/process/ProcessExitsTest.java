package dev.ferry.internal.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A child whose exit the JDK never records (its process reaper died of a full heap before it did:
 * {@code waitFor} never returns) is seen to have exited once the operating system no longer has
 * it. The reaper's death cannot be caused on purpose, so the {@code Process} here is a real,
 * reaped child seen through one whose record never comes.
 */
@Timeout(30)
class ProcessExitsTest {
  @Test
  void aChildReapedWhoseExitWasNeverRecorded_hasExited_itsCodeUnseen() throws Exception {
    Process real = new ProcessBuilder("true").start();
    assertTrue(real.waitFor(10, TimeUnit.SECONDS));
    Process unrecorded = new NeverRecorded(real);
    assertTrue(ProcessExits.await(unrecorded, TimeUnit.SECONDS.toNanos(5)));
    assertEquals(ProcessExits.UNSEEN, ProcessExits.exitCode(unrecorded));
    assertTrue(ProcessExits.await(unrecorded, -1), "waiting for ever returns too");
  }

  @Test
  void aLiveChild_isWaitedForUntilTheDeadline_andThenItsExitIsSeen() throws Exception {
    Process sleeping = new ProcessBuilder("sleep", "30").start();
    try {
      long began = System.nanoTime();
      assertFalse(ProcessExits.await(sleeping, TimeUnit.MILLISECONDS.toNanos(300)));
      assertTrue(System.nanoTime() - began >= TimeUnit.MILLISECONDS.toNanos(300));
      sleeping.destroyForcibly();
      assertTrue(ProcessExits.await(sleeping, -1));
      assertEquals(137, ProcessExits.exitCode(sleeping));
    } finally {
      sleeping.destroyForcibly();
    }
  }

  /** {@code real}, as a Process whose exit the JDK never recorded. */
  private static final class NeverRecorded extends Process {
    private final Process real;

    NeverRecorded(Process real) {
      this.real = real;
    }

    @Override
    public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
      Thread.sleep(Math.min(unit.toMillis(timeout), 50));
      return false;
    }

    @Override
    public int waitFor() throws InterruptedException {
      Thread.sleep(Long.MAX_VALUE);
      return 0;
    }

    @Override
    public int exitValue() {
      throw new IllegalThreadStateException("process hasn't exited");
    }

    @Override
    public ProcessHandle toHandle() {
      return real.toHandle();
    }

    @Override
    public OutputStream getOutputStream() {
      return real.getOutputStream();
    }

    @Override
    public InputStream getInputStream() {
      return real.getInputStream();
    }

    @Override
    public InputStream getErrorStream() {
      return real.getErrorStream();
    }

    @Override
    public void destroy() {}
  }
}
