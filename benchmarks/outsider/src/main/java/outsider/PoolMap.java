package outsider;

import dev.ferry.ProcessPool;
import java.util.ArrayList;
import java.util.List;

/** (d) Ferry.pool(2), map over N tiny tasks, close. */
public final class PoolMap {
  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    List<Integer> in = new ArrayList<>(n);
    for (int i = 0; i < n; i++) in.add(i);
    long t0 = System.nanoTime();
    long t1, t2;
    long sum = 0;
    try (ProcessPool pool = ChildFlags.options().pool(2)) {
      t1 = System.nanoTime();
      List<Integer> out = pool.map(PoolMap::square, in);
      t2 = System.nanoTime();
      for (int x : out) sum += x;
    }
    long t3 = System.nanoTime();
    System.out.printf("PoolMap n=%d: start %.1f ms, map %.1f ms (%.2f M tasks/s), close %.1f ms, total %.1f ms (sum %d)%n",
        n, (t1 - t0) / 1e6, (t2 - t1) / 1e6, n / ((t2 - t1) / 1e9) / 1e6, (t3 - t2) / 1e6, (t3 - t0) / 1e6, sum);
  }

  static Integer square(Integer x) {
    return x * x;
  }
}
