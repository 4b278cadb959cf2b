package outsider;

import dev.ferry.Channel;
import dev.ferry.ChannelClosedException;
import dev.ferry.Child;

/** (a) parent + one child: send, child echoes, receive. Args: N round trips. */
public final class RoundTrip {
  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    int n = Integer.parseInt(args[0]);
    Channel<Rec> ping = Channel.create();
    Channel<Rec> pong = Channel.create();
    Child child = ChildFlags.options().spawn(RoundTrip::echo, ping, pong);
    long[] rt = new long[n];
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      long s = System.nanoTime();
      ping.send(Rec.of(i));
      Rec r = pong.receive();
      rt[i] = System.nanoTime() - s;
      if (r.id() != i) throw new AssertionError(r);
    }
    long end = System.nanoTime();
    ping.close();
    child.join();
    System.out.printf("RoundTrip n=%d total %.0f ms from main (%.0f ms loop)%n", n, (end - t0) / 1e6, (end - start) / 1e6);
    System.out.println("  all        " + Stats.of(rt, 0, n));
    System.out.println("  first 1000 " + Stats.of(rt, 0, 1000));
    System.out.println("  first rt   " + String.format("%.1f ms", rt[0] / 1e6));
    System.out.println("  after 1000 " + Stats.of(rt, 1000, n));
    StringBuilder blocks = new StringBuilder("  per 1000, mean us:");
    for (int b = 0; b + 1000 <= Math.min(n, 20000); b += 1000) {
      long sum = 0;
      for (int i = b; i < b + 1000; i++) sum += rt[i];
      blocks.append(String.format(" %.0f", sum / 1000 / 1e3));
    }
    System.out.println(blocks);
    if (n >= 20000) System.out.println("  last half  " + Stats.of(rt, n / 2, n));
  }

  static void echo(Channel<Rec> ping, Channel<Rec> pong) throws Exception {
    try {
      while (true) pong.send(ping.receive());
    } catch (ChannelClosedException done) {
      // the parent closed ping
    }
  }
}
