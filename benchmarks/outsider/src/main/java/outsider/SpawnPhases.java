package outsider;

import dev.ferry.Channel;
import dev.ferry.Child;

/** A fresh program's first spawn, by phases as the parent sees them. */
public final class SpawnPhases {
  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    Channel<Long> ch = Channel.create();
    long t1 = System.nanoTime();
    Child c = ChildFlags.options().spawn(SpawnPhases::hello, ch);
    long t2 = System.nanoTime();
    long childMain = ch.receive();
    long t3 = System.nanoTime();
    c.join();
    System.out.printf("SpawnPhases: create %.1f, spawn() returns %.1f, child's target runs %.1f after spawn, first msg %.1f ms after spawn%n",
        (t1 - t0) / 1e6, (t2 - t1) / 1e6, (childMain - t1) / 1e6, (t3 - t1) / 1e6);
  }

  static void hello(Channel<Long> ch) throws Exception {
    ch.send(System.nanoTime());
  }
}
