package dev.ferry.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which threads keep which buffers between messages (see {@link ThreadBuffers}). */
class ThreadBuffersTest {
  private static final int MIB = 1 << 20;

  @Test
  void aPlatformThread_keepsBuffersUpToItsLimit() {
    assertTrue(ThreadBuffers.mayKeep(1_000, 4 * MIB));
    assertTrue(ThreadBuffers.mayKeep(MIB, 4 * MIB));
    assertTrue(ThreadBuffers.mayKeep(4 * MIB, 4 * MIB));
    assertFalse(ThreadBuffers.mayKeep(4 * MIB + 1, 4 * MIB));
    assertFalse(ThreadBuffers.currentIsVirtual());
  }

  @Test
  void aVirtualThread_keepsOnlySmallBuffers() throws Exception {
    Method ofVirtual;
    try {
      ofVirtual = Thread.class.getMethod("ofVirtual");
    } catch (NoSuchMethodException e) {
      assumeTrue(false, "virtual threads need JDK 21");
      return;
    }
    List<Object> seen = new ArrayList<>();
    Runnable look = () -> {
      seen.add(ThreadBuffers.currentIsVirtual());
      seen.add(ThreadBuffers.mayKeep(ThreadBuffers.VIRTUAL_KEPT_BYTES, 4 * MIB));
      seen.add(ThreadBuffers.mayKeep(MIB, 4 * MIB)); // 1,000 such threads would keep 1 GiB
    };
    Object builder = ofVirtual.invoke(null);
    Method start = Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class);
    Thread thread = (Thread) start.invoke(builder, look);
    thread.join();
    assertEquals(List.of(true, true, false), seen);
  }
}
