package dev.ferry;

import java.util.ArrayList;
import java.util.List;

/**
 * A parent process for {@link ParentDeathTest}, started outside Ferry so that the test can kill
 * it: it spawns one child that fills its small heap and keeps it full, prints {@code ready <its
 * pid> <child pid>} and waits to be killed.
 */
public final class FullHeapOrphan {
  private FullHeapOrphan() {}

  public static void main(String[] args) throws Exception {
    Channel<String> ready = Channel.create();
    Child child = Children.fast("full-heap").jvmFlags("-Xmx24m")
        .spawn(FullHeapOrphan::fillTheHeap, ready);
    ready.receive();
    Thread.sleep(1_000); // the child's heap is full again, and its watcher has polled in it
    System.out.println("ready " + ProcessHandle.current().pid() + " " + child.pid());
    System.out.flush();
    Thread.sleep(60_000);
  }

  /** Fills the heap, says so, and keeps it full for ever: every other thread's allocation fails. */
  private static void fillTheHeap(Channel<String> ready) throws Exception {
    List<byte[]> held = new ArrayList<>(1 << 16);
    fill(held, 64 << 10);
    for (int i = 0; i < 8 && !held.isEmpty(); i++) {
      held.remove(held.size() - 1); // room to send the word
    }
    ready.send("full");
    while (true) {
      fill(held, 1 << 10);
      Thread.sleep(5);
    }
  }

  private static void fill(List<byte[]> held, int size) {
    try {
      while (true) {
        held.add(new byte[size]);
      }
    } catch (OutOfMemoryError full) {
      // full
    }
  }
}
