package outsider;

import dev.ferry.Channel;
import dev.ferry.Child;

/** (c) a fresh program: Channel.create, spawn, first message; then a second and third spawn. */
public final class SpawnFirst {
  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    Channel<String> ch = Channel.create();
    StringBuilder sb = new StringBuilder("SpawnFirst:");
    for (int k = 1; k <= 3; k++) {
      long s = System.nanoTime();
      Child c = ChildFlags.options().spawn(SpawnFirst::hello, ch);
      String msg = ch.receive();
      long e = System.nanoTime();
      sb.append(String.format(" spawn%d=%.1fms", k, (e - s) / 1e6));
      if (k == 1) sb.append(String.format(" (main->first msg %.1fms)", (e - t0) / 1e6));
      c.join();
      if (args.length > 0) Thread.sleep(Long.parseLong(args[0]));
    }
    System.out.println(sb);
  }

  static void hello(Channel<String> ch) throws Exception {
    ch.send("hello");
  }
}
