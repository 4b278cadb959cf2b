package dev.ferry.internal.transport;

import dev.ferry.Channel;
import dev.ferry.Child;
import dev.ferry.Children;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A child whose channel's lock was left held by a thread that is gone exits all the same. The JVM
 * raises a fault on a mapped page (a rings file cut short, see {@link CutRingFileTest}) a little
 * after the access, at whatever the thread does next: inside a lock's own code, it can leave the
 * lock held by a thread that will never release it. The goodbye at exit, and the shutdown hook
 * that says it again, used to wait for that lock for ever, and the child never exited (seen in a
 * CI run of {@code CutRingFileTest}: a streaming child still alive 35 s after the cut).
 */
@Timeout(60)
class OrphanedLockTest {

  /** Sends once, then leaves the named lock of its channel held by a thread that ended. */
  private static void orphan(Channel<Integer> out, String which) throws Exception {
    out.send(1);
    ReentrantLock lock = lockOf(out, which);
    Thread taker = new Thread(lock::lock, "taker");
    taker.start();
    taker.join();
  }

  private static ReentrantLock lockOf(Channel<Integer> channel, String which) throws Exception {
    Object remote = field(channel, "remote");
    Object owner = which.equals("channel") ? remote : field(remote, "out");
    return (ReentrantLock) field(owner, "lock");
  }

  private static Object field(Object owner, String name) throws Exception {
    Field field = owner.getClass().getDeclaredField(name);
    field.setAccessible(true);
    return field.get(owner);
  }

  private static void assertExitsDespiteTheLock(String which) throws Exception {
    Channel<Integer> out = Channel.create();
    // The child's goodbye waits out its deadline for the lock nobody will let go: 1 s, not 5.
    Child child = Children.fast("orphan-" + which).jvmFlags("-Dferry.goodbyeMillis=1000")
        .spawn(OrphanedLockTest::orphan, out, which);
    assertEquals(1, out.receive());
    long start = System.nanoTime();
    OptionalInt code = child.join(Duration.ofSeconds(30));
    assertEquals(OptionalInt.of(0), code, "the child did not exit within 30 s");
    long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
    assertTrue(seconds < 15, "the child took " + seconds + " s to exit");
  }

  @Test
  void channelLockHeldByAThreadThatEnded_theChildExits() throws Exception {
    assertExitsDespiteTheLock("channel");
  }

  @Test
  void outboxLockHeldByAThreadThatEnded_theChildExits() throws Exception {
    assertExitsDespiteTheLock("outbox");
  }
}
