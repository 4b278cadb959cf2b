package outsider;

import dev.ferry.Channel;
import dev.ferry.ChannelClosedException;
import dev.ferry.Child;

/** (b) child sends N records, parent receives. Args: capacity (0 = Channel.create()), N. */
public final class OneWay {
  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    int cap = Integer.parseInt(args[0]);
    long n = Long.parseLong(args[1]);
    Channel<Rec> ch = cap == 0 ? Channel.create() : Channel.create(cap);
    Channel<Long> started = Channel.create();
    long spawn = System.nanoTime();
    Child child = ChildFlags.options().spawn(OneWay::produce, ch, started, n);
    long firstSend = started.receive(); // the child's nanoTime just before its first send
    long[] marks = new long[(int) (n / 1_000_000) + 1];
    long sum = 0;
    for (long i = 0; i < n; i++) {
      Rec r = ch.receive();
      sum += r.n();
      if ((i + 1) % 1_000_000 == 0) marks[(int) (i / 1_000_000)] = System.nanoTime();
    }
    long end = System.nanoTime();
    child.join();
    double secs = (end - firstSend) / 1e9;
    System.out.printf("OneWay cap=%d n=%d: %.2f M msg/s first send to last receive (%.3f s); spawn->first send %.0f ms; main->end %.0f ms; sum %d%n",
        cap, n, n / secs / 1e6, secs, (firstSend - spawn) / 1e6, (end - t0) / 1e6, sum);
    StringBuilder sb = new StringBuilder("  per million (M/s):");
    long prev = firstSend;
    for (int m = 0; m < n / 1_000_000; m++) {
      sb.append(String.format(" %.2f", 1e3 / ((marks[m] - prev) / 1e6)));
      prev = marks[m];
    }
    System.out.println(sb);
  }

  static void produce(Channel<Rec> ch, Channel<Long> started, long n) throws Exception {
    started.send(System.nanoTime());
    for (long i = 0; i < n; i++) ch.send(Rec.of(i));
  }
}
